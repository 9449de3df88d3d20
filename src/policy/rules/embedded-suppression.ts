import type { Environment } from '../../constraints/schema.js';
import type { PolicyRule, SourceViolation } from '../rule.js';

/** Environments where a suppression blocks by default: those named like production. */
const PRODUCTION = /^(prod|production|prd|live)(-|$)/;

/**
 * IK-SUP-001: a suppression embedded in the code (cfn-lint `ignore_checks`, `#checkov:skip`,
 * `# tfsec:ignore`, `# trivy:ignore`, `# kics-scan ignore`, `# nosec`, Crossplane `paused`) waives
 * a check without a person: `high` (blocking) in production, `medium` elsewhere.
 */
export const embeddedSuppressionRule: PolicyRule = {
  id: 'IK-SUP-001',
  title: 'Suppression embedded in the code',
  rationale:
    'A skip comment or ignore list inside generated code switches a check off without anyone accepting the risk; exceptions are accepted by a named person in .infrakit/exceptions.yaml.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-3'],
  severity: (environment: Environment) => (PRODUCTION.test(environment.name) ? 'high' : 'medium'),
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    return (context.parsed.suppressions ?? []).map((suppression): SourceViolation => ({
      message: `${suppression.marker} switches a check off in the code: "${suppression.text}"`,
      location: suppression.location,
      resourceType: 'suppression',
      resourceName: `${suppression.location.file}:${suppression.location.line}`,
      fix: 'Remove the suppression and fix the finding; if the risk is accepted, a person records it in .infrakit/exceptions.yaml (rule, resource, reason, approvedBy).',
    }));
  },
};

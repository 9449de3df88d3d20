import type { SourceLocation } from '../iac/resource-model.js';

/** Severities shared by the verifier, the policy engine, the reviews and SARIF. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One finding from a deterministic check (verifier or policy). */
export interface Finding {
  /** Rule id, e.g. `IK-TAG-001` or `IK-FIELD-UNKNOWN`. */
  ruleId: string;
  severity: Severity;
  message: string;
  location: SourceLocation;
  /** `apiVersion/kind` or resource type. */
  resourceType?: string;
  resourceName?: string;
  /** Full field path, e.g. `spec.forProvider.encryptionSpecification.type`. */
  fieldPath?: string;
  /** What to do about it. */
  fix?: string;
  /** e.g. `did you mean "keyspaceName"?` */
  suggestion?: string;
  /** Control references, e.g. `SOC 2 CC6.1`. */
  controls?: string[];
  /** Where a finding came from: our verifier, our policy, or an external tool. */
  source: 'verify' | 'policy' | 'cfn-lint' | 'checkov' | 'crossplane' | 'tofu' | 'model';
  /** `cannot-see`: a policy rule could not evaluate the value it checks; neither a pass nor a violation. */
  kind?: 'cannot-see';
  /** Stable identity across runs (used by brownfield baselines): hash of rule, resource and field. */
  fingerprint?: string;
}

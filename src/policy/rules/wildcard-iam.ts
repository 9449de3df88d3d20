import { cannotSee } from '../cannot-see.js';
import { byProductionLike } from '../environment-level.js';
import { readPolicy } from '../policy-documents.js';
import type { PolicyRule, RuleContext, SourceViolation, Violation } from '../rule.js';
import type { ResourceView } from '../resource-view.js';
import { fullPath, lineOf } from '../resource-view.js';

/** Where identity policies live, per tool: the resource type and the field holding the document. */
const POLICY_FIELDS: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  'AWS::IAM::ManagedPolicy': 'PolicyDocument',
  'AWS::IAM::Policy': 'PolicyDocument',
  Policy: 'policy',
  RolePolicy: 'policy',
  UserPolicy: 'policy',
};

const policyField = (view: ResourceView): string | undefined =>
  view.resource.tool === 'crossplane'
    ? view.resource.apiVersion?.startsWith('iam.aws')
      ? POLICY_FIELDS[view.resource.kind ?? '']
      : undefined
    : POLICY_FIELDS[view.resource.type];

/** Wildcards in the Allow statements of an identity policy (statements with a principal are resource policies). */
function wildcards(document: unknown): string[] {
  const policy = readPolicy(document);
  if (policy?.kind !== 'statements') return [];
  return policy.statements.flatMap((statement) => {
    if (statement.effect.toLowerCase() !== 'allow' || statement.hasPrincipal) return [];
    const actions = statement.actions.filter(
      (action) => action === '*' || /^[\w-]+:\*$/.test(String(action)),
    );
    const resources = statement.resources.filter((resource) => resource === '*');
    return [
      ...actions.map((action) => `action "${String(action)}"`),
      ...(resources.length ? ['resource "*"'] : []),
    ];
  });
}

/**
 * IK-IAM-001: identity policies grant no wildcard actions (`*`, `s3:*`) and no `Resource: "*"` on
 * Allow statements. Terraform `aws_iam_policy_document` data sources are read too; a policy built
 * by an expression the rule cannot read is reported as cannot-see.
 */
export const wildcardIamRule: PolicyRule = {
  id: 'IK-IAM-001',
  title: 'Wildcard IAM action or resource',
  rationale:
    'A wildcard grants today every action a service will ever add, on every resource in the account; least privilege names the actions and ARNs the workload uses.',
  controls: [
    'SOC 2 CC6.3',
    'HIPAA 164.312(a)(1)',
    'PCI-DSS 7.2',
    'NIST 800-53 AC-6',
    'NIST 800-53 AC-2',
    'ISO 27001:2022 A.8.2',
    'CIS AWS Foundations v3.0 1.16',
    'FedRAMP Moderate AC-6',
  ],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view) {
    const field = policyField(view);
    if (!field) return [];
    const value = view.arguments[field];
    const where = { fieldPath: fullPath(view, field), line: lineOf(view, field) };
    const policy = readPolicy(value);
    if (policy?.kind === 'unknown') {
      if (/data\.aws_iam_policy_document\./.test(policy.value.expression)) return [];
      return [
        cannotSee(
          'whether the policy grants wildcards',
          policy.value,
          where,
          'Write the policy as an aws_iam_policy_document or literal JSON so its actions and resources can be checked.',
        ),
      ];
    }
    return wildcards(value).map((wildcard): Violation => ({
      ...where,
      message: `the policy allows ${wildcard}`,
      fix: 'Name the actions the workload calls and the ARNs it touches.',
    }));
  },
  checkSource(context: RuleContext) {
    const violations: SourceViolation[] = [];
    for (const resource of context.parsed.resources) {
      if (resource.tool !== 'terraform' || resource.type !== 'aws_iam_policy_document') continue;
      for (const wildcard of wildcards(resource.body))
        violations.push({
          location: resource.location,
          resourceType: resource.type,
          resourceName: resource.name,
          fieldPath: 'statement',
          message: `the policy document allows ${wildcard}`,
          fix: 'Name the actions the workload calls and the ARNs it touches.',
        });
    }
    return violations;
  },
};

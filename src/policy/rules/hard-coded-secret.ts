import type { PolicyRule, SourceViolation } from '../rule.js';
import { fullPath, lineOf } from '../resource-view.js';
import { findSecrets, secretIn } from '../secrets.js';

/** IK-SEC-001: no literal passwords, keys or tokens in templates or input defaults. */
export const hardCodedSecretRule: PolicyRule = {
  id: 'IK-SEC-001',
  title: 'Hard-coded secret',
  rationale:
    'A secret in a template lands in git history, state files and CI logs; it must come from a secret store at deploy time.',
  controls: ['SOC 2 CC6.1', 'PCI-DSS 8.6.2', 'NIST 800-53 IA-5(7)'],
  severity: () => 'critical',
  appliesTo: () => true,
  check(view) {
    return findSecrets(view.arguments).map((hit) => ({
      message: `${hit.what} is written in the template (${hit.path})`,
      fieldPath: fullPath(view, hit.path),
      line: lineOf(view, hit.path),
      fix:
        view.resource.tool === 'cloudformation'
          ? "Use a dynamic reference '{{resolve:secretsmanager:...}}' or ManageMasterUserPassword: true."
          : view.resource.tool === 'terraform'
            ? 'Use manage_master_user_password = true or read it from aws_secretsmanager_secret_version; never a literal.'
            : 'Use a *SecretRef pointing to a Kubernetes Secret (or autoGeneratePassword).',
    }));
  },
  checkSource(context) {
    const providers = (context.parsed.settings?.terraform?.providers ?? []).flatMap(
      (provider): SourceViolation[] =>
        findSecrets(provider.body).map((hit) => ({
          message: `${hit.what} is written in provider "${provider.name}" (${hit.path})`,
          location: provider.location,
          fieldPath: `provider.${provider.name}.${hit.path}`,
          resourceType: 'provider',
          resourceName: provider.name,
          fix: 'Remove it: the AWS provider reads credentials from the environment, a profile or an assumed role.',
        })),
    );
    const inputs = context.parsed.inputs.flatMap((input): SourceViolation[] => {
      const what = secretIn(input.name, input.default);
      if (!what || !input.location) return [];
      return [
        {
          message: `input ${input.name} has a literal default: ${what}`,
          location: input.location,
          fieldPath: `${input.name}.default`,
          resourceType: 'input',
          resourceName: input.name,
          fix: 'Remove the default (CloudFormation: NoEcho: true; Terraform: sensitive = true) and pass the value at deploy time from a secret store.',
        },
      ];
    });
    return [...providers, ...inputs];
  },
};

import { byProductionLike } from '../environment-level.js';
import { declarationFix } from '../declaration-fixes.js';
import type { PolicyRule, SourceViolation } from '../rule.js';
import { holdsSecret } from '../secret-names.js';

/** IK-SEC-002: a secret input or output is hidden: Terraform `sensitive = true`, CloudFormation `NoEcho: true`. */
export const sensitiveDeclarationRule: PolicyRule = {
  id: 'IK-SEC-002',
  title: 'Secret input or output not marked sensitive',
  rationale:
    'A password variable or output without `sensitive` is printed in every plan and CI log; a CloudFormation parameter without NoEcho shows in the console and in describe-stacks.',
  controls: [
    'SOC 2 CC6.1',
    'HIPAA 164.312(a)(1)',
    'PCI-DSS 8.2',
    'NIST 800-53 IA-5',
    'ISO 27001:2022 A.5.17',
    'FedRAMP Moderate IA-5',
  ],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    const violations: SourceViolation[] = [];
    for (const input of context.parsed.inputs) {
      if (!input.declaration || !input.location || !holdsSecret(input.name)) continue;
      const cloudformation = !input.location.file.endsWith('.tf');
      const hidden = cloudformation
        ? String(input.declaration.NoEcho).toLowerCase() === 'true'
        : input.declaration.sensitive === true;
      if (hidden) continue;
      violations.push({
        location: input.location,
        resourceType: cloudformation ? 'parameter' : 'variable',
        resourceName: input.name,
        fieldPath: cloudformation ? `Parameters.${input.name}.NoEcho` : `variable.${input.name}.sensitive`,
        message: `${cloudformation ? 'parameter' : 'variable'} "${input.name}" holds a secret but is not ${cloudformation ? 'NoEcho' : 'sensitive'}`,
        autofix: cloudformation ? declarationFix('NoEcho', true) : declarationFix('sensitive', 'true'),
        fix: cloudformation
          ? `Add NoEcho: true, or better, drop the parameter and use a dynamic reference {{resolve:secretsmanager:...}}.`
          : `Add sensitive = true to variable "${input.name}".`,
      });
    }
    for (const output of context.parsed.outputs ?? []) {
      if (!output.location.file.endsWith('.tf') || !holdsSecret(output.name)) continue;
      if (output.declaration.sensitive === true) continue;
      violations.push({
        location: output.location,
        resourceType: 'output',
        resourceName: output.name,
        fieldPath: `output.${output.name}.sensitive`,
        message: `output "${output.name}" holds a secret but is not sensitive`,
        autofix: declarationFix('sensitive', 'true'),
        fix: `Add sensitive = true to output "${output.name}", or output the secret's ARN instead.`,
      });
    }
    return violations;
  },
};

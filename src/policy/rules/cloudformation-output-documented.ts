import { declarationFix, skeletonDescription } from '../declaration-fixes.js';
import type { PolicyRule, SourceViolation } from '../rule.js';

/** IK-CFN-002: every CloudFormation output has a Description and an Export named after the stack. */
export const cloudformationOutputDocumentedRule: PolicyRule = {
  id: 'IK-CFN-002',
  title: 'CloudFormation output without description or export',
  rationale:
    'Other stacks find a value through its export (`Fn::ImportValue`); without a description nobody knows what an output is for or whether it is safe to remove.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-8', 'ISO 27001:2022 A.8.9'],
  severity: () => 'low',
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    const violations: SourceViolation[] = [];
    for (const output of context.parsed.outputs ?? []) {
      if (output.location.file.endsWith('.tf')) continue;
      const base = { location: output.location, resourceType: 'output', resourceName: output.name };
      const description = output.declaration.Description;
      if (typeof description !== 'string' || description.trim() === '')
        violations.push({
          ...base,
          fieldPath: `Outputs.${output.name}.Description`,
          message: `output ${output.name} has no Description`,
          autofix: declarationFix('Description', skeletonDescription(output.name)),
          fix: `Add a Description saying what ${output.name} holds.`,
        });
      if (output.declaration.Export === undefined)
        violations.push({
          ...base,
          fieldPath: `Outputs.${output.name}.Export`,
          message: `output ${output.name} is not exported`,
          autofix: declarationFix('Export', { Name: { 'Fn::Sub': `\${AWS::StackName}-${output.name}` } }),
          fix: `Add Export: { Name: !Sub '\${AWS::StackName}-${output.name}' }.`,
        });
    }
    return violations;
  },
};

import { declarationFix, parameterConstraint, skeletonDescription } from '../declaration-fixes.js';
import type { PolicyRule, SourceViolation } from '../rule.js';

const CONSTRAINTS = ['AllowedValues', 'AllowedPattern', 'MinLength', 'MaxLength', 'MinValue', 'MaxValue'];

/**
 * IK-CFN-001: every CloudFormation parameter has a Description, and a String or Number parameter
 * constrains what it accepts (AllowedValues, AllowedPattern, MinLength/MaxLength, MinValue/MaxValue).
 * AWS-specific types (`AWS::EC2::VPC::Id`, SSM parameter types) are checked by CloudFormation itself.
 * `--fix` adds AllowedValues (the constraints' environments) to an environment parameter and an
 * AllowedPattern (the region pattern) to a region parameter; other constraints are a design choice.
 */
export const cloudformationParameterDocumentedRule: PolicyRule = {
  id: 'IK-CFN-001',
  title: 'CloudFormation parameter without description or constraint',
  rationale:
    'An unconstrained String parameter accepts a typo that only fails halfway through a stack update; a description is what the console shows the person deploying.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 SI-10', 'ISO 27001:2022 A.8.28'],
  severity: () => 'low',
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    const violations: SourceViolation[] = [];
    const environments = context.constraints.context.environments.map((environment) => environment.name);
    for (const input of context.parsed.inputs) {
      const declaration = input.declaration;
      if (!declaration || !input.location || input.location.file.endsWith('.tf')) continue;
      if (typeof declaration.Type !== 'string') continue;
      const base = { location: input.location, resourceType: 'parameter', resourceName: input.name };
      if (typeof declaration.Description !== 'string' || declaration.Description.trim() === '')
        violations.push({
          ...base,
          fieldPath: `Parameters.${input.name}.Description`,
          message: `parameter ${input.name} has no Description`,
          autofix: declarationFix('Description', skeletonDescription(input.name)),
          fix: `Add a Description saying what ${input.name} is and which values it takes.`,
        });
      const plain = declaration.Type === 'String' || declaration.Type === 'Number';
      const known = declaration.Type === 'String' ? parameterConstraint(input.name, environments) : undefined;
      if (plain && !CONSTRAINTS.some((key) => declaration[key] !== undefined))
        violations.push({
          ...base,
          ...(known ? { autofix: declarationFix(known.key, known.value) } : {}),
          fieldPath: `Parameters.${input.name}`,
          message: `${declaration.Type} parameter ${input.name} accepts any value: no ${CONSTRAINTS.join(', ')}`,
          fix: `Add AllowedValues or AllowedPattern (with a ConstraintDescription) to ${input.name}.`,
        });
    }
    return violations;
  },
};

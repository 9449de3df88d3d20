import { byProductionLike } from '../environment-level.js';
import {
  declarationBlockFix,
  declarationFix,
  skeletonDescription,
  typeOfDefault,
  validationLines,
} from '../declaration-fixes.js';
import type { PolicyRule, SourceViolation } from '../rule.js';

/**
 * IK-TF-002: every Terraform variable has a type and a description, the environment variable has a
 * validation block listing the environments the constraints name (a region variable one checking the
 * region pattern), and every output a description. `--fix` adds the validation block.
 */
export const terraformVariableDocumentedRule: PolicyRule = {
  id: 'IK-TF-002',
  title: 'Terraform variable without type, description or validation, or output without description',
  rationale:
    'An untyped variable accepts anything and an undescribed one is guessed at; a validation block turns a wrong environment name into a plan error instead of a misnamed resource.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 SI-10', 'ISO 27001:2022 A.8.28'],
  severity: byProductionLike('low', 'low'),
  appliesTo: () => true,
  check: () => [],
  checkSource(context) {
    const violations: SourceViolation[] = [];
    const environments = context.constraints.context.environments.map((environment) => environment.name);
    for (const input of context.parsed.inputs) {
      const declaration = input.declaration;
      if (!declaration || !input.location || !input.location.file.endsWith('.tf')) continue;
      const base = { location: input.location, resourceType: 'variable', resourceName: input.name };
      const type = typeOfDefault(declaration.default);
      if (declaration.type === undefined)
        violations.push({
          ...(type ? { autofix: declarationFix('type', type) } : {}),
          ...base,
          fieldPath: `variable.${input.name}.type`,
          message: `variable "${input.name}" has no type`,
          fix: `Add type = string (or the type it holds) to variable "${input.name}".`,
        });
      if (typeof declaration.description !== 'string' || declaration.description.trim() === '')
        violations.push({
          ...base,
          fieldPath: `variable.${input.name}.description`,
          autofix: declarationFix('description', JSON.stringify(skeletonDescription(input.name))),
          message: `variable "${input.name}" has no description`,
          fix: `Add a description saying what "${input.name}" is and which values it takes.`,
        });
      const validation = validationLines(input.name, environments);
      if (validation && declaration.validation === undefined)
        violations.push({
          ...base,
          fieldPath: `variable.${input.name}.validation`,
          autofix: declarationBlockFix('validation', validation),
          message: `variable "${input.name}" has no validation block; the constraints allow only ${/region/i.test(input.name) ? 'AWS region names' : environments.join(', ')}`,
          fix: `Add validation { ${validation[0].replace(/\s+=\s+/, ' = ')} }.`,
        });
    }
    for (const output of context.parsed.outputs ?? []) {
      if (!output.location.file.endsWith('.tf')) continue;
      const description = output.declaration.description;
      if (typeof description === 'string' && description.trim() !== '') continue;
      violations.push({
        location: output.location,
        resourceType: 'output',
        resourceName: output.name,
        fieldPath: `output.${output.name}.description`,
        autofix: declarationFix('description', JSON.stringify(skeletonDescription(output.name))),
        message: `output "${output.name}" has no description`,
        fix: `Add a description saying what "${output.name}" holds.`,
      });
    }
    return violations;
  },
};

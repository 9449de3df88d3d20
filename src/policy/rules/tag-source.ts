import { isUnknownValue } from '../../iac/resource-model.js';
import type { Resource, UnknownValue } from '../../iac/resource-model.js';
import { parameterConstraint, skeletonDescription } from '../declaration-fixes.js';
import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { fullPath, lineOf } from '../resource-view.js';
import { expressionReads, sourcedExpression, standardTags, TAGGING_STANDARD_RULE } from '../tags.js';
import { literalString } from '../values.js';

const PSEUDO_PARAMETER = /^AWS::/;

/**
 * CloudFormation: a tag `!Ref <name>` whose name the template declares neither as a parameter nor as a
 * resource: the stack fails to create. `--fix` declares a String parameter with a Description and the
 * constraint its name calls for (AllowedValues for an environment parameter).
 */
function undeclaredReference(
  value: UnknownValue,
  view: { resource: Resource },
  context: RuleContext,
  where: { fieldPath: string; line: number },
  tagKey: string,
): Violation | undefined {
  if (view.resource.tool !== 'cloudformation' || value.intrinsic?.name !== 'Ref') return undefined;
  const name = value.intrinsic.argument;
  if (typeof name !== 'string' || PSEUDO_PARAMETER.test(name) || !/^[A-Za-z0-9]+$/.test(name))
    return undefined;
  const declared =
    context.parsed.inputs.some(
      (input) => input.name === name && input.location?.file === view.resource.location.file,
    ) ||
    context.parsed.resources.some((resource) => resource.tool === 'cloudformation' && resource.name === name);
  if (declared) return undefined;
  const environments = context.constraints.context.environments.map((environment) => environment.name);
  const constraint = parameterConstraint(name, environments);
  return {
    ...where,
    fieldPath: `${where.fieldPath}.${tagKey}`,
    message: `tag "${tagKey}" references ${name}, which the template declares neither as a parameter nor as a resource`,
    fix: `Declare the parameter ${name} (Type: String, with a Description and a constraint).`,
    autofix: {
      kind: 'declare-input',
      name,
      declaration: {
        Type: 'String',
        Description: skeletonDescription(name),
        ...(constraint ? { [constraint.key]: constraint.value } : {}),
      },
    },
  };
}

/** IK-TAG-002: a mandatory tag's value comes from where the standard says; never hard-coded for parameter, label or variable. */
export const tagSourceRule: PolicyRule = {
  id: 'IK-TAG-002',
  title: 'Mandatory tag value not sourced as the standard says',
  rationale:
    'A hard-coded owner or environment tag is wrong the moment the template is reused; the standard names the parameter, label or variable each value must come from.',
  ...TAGGING_STANDARD_RULE,
  check(view, context) {
    const tags = standardTags(view, context.parsed);
    if (tags?.kind !== 'map') return [];
    const violations: Violation[] = [];
    for (const tag of context.constraints.tagging.tags) {
      if (!tags.values.has(tag.key)) continue;
      const value = tags.values.get(tag.key);
      const relative = view.resource.tool === 'cloudformation' ? tags.path : `${tags.path}.${tag.key}`;
      const where = { fieldPath: fullPath(view, relative), line: lineOf(view, relative) };
      const wanted = sourcedExpression(tag, view.resource.tool);
      const literal =
        literalString(value) ??
        (typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
      if (tag.source === 'constant') {
        if (literal !== undefined && literal !== tag.value) {
          violations.push({
            ...where,
            message: `tag "${tag.key}" is "${literal}" but the standard fixes it to "${tag.value}"`,
            fix: `Set ${tag.key} to "${tag.value}".`,
          });
        }
      } else if (literal !== undefined) {
        violations.push({
          ...where,
          message: `tag "${tag.key}" is hard-coded to "${literal}"; the standard says it comes from ${tag.source} ${tag.from}`,
          fix: `Set ${tag.key} to ${wanted}.`,
        });
      } else if (isUnknownValue(value) && expressionReads(value, tag)) {
        const undeclared = undeclaredReference(value, view, context, where, tag.key);
        if (undeclared) violations.push(undeclared);
      } else if (isUnknownValue(value)) {
        violations.push({
          ...where,
          message: `tag "${tag.key}" comes from ${value.expression}; the standard says ${tag.source} ${tag.from}`,
          fix: `Set ${tag.key} to ${wanted}.`,
        });
      } else if (
        typeof value === 'string' &&
        !isUnknownValue(value) &&
        literal === undefined &&
        !value.toLowerCase().includes((tag.from ?? '').split('.').pop()!.toLowerCase())
      ) {
        violations.push({
          ...where,
          message: `tag "${tag.key}" is "${value}"; the standard says it comes from ${tag.source} ${tag.from}`,
          fix: `Set ${tag.key} to ${wanted}.`,
        });
      }
      if (literal !== undefined && tag.allowed && !tag.allowed.includes(literal)) {
        violations.push({
          ...where,
          message: `tag "${tag.key}" is "${literal}", not one of ${tag.allowed.join(', ')}`,
          fix: `Use one of ${tag.allowed.join(', ')}.`,
        });
      }
    }
    return violations;
  },
};

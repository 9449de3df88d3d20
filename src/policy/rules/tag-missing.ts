import { cannotSee } from '../cannot-see.js';
import { parameterConstraint, validationLines } from '../declaration-fixes.js';
import type { PolicyRule, Violation } from '../rule.js';
import { fullPath, lineOf } from '../resource-view.js';
import { sourcedExpression, standardTags, TAGGING_STANDARD_RULE } from '../tags.js';

/** What `--fix` writes into an input it declares for a tag's source: a validation or a constraint. */
function inputBounds(from: string | undefined, environments: ReadonlyArray<{ name: string }>) {
  const name = (from ?? '').split(/[./]/).pop() ?? '';
  const names = environments.map((environment) => environment.name);
  const validation = validationLines(name, names);
  const constraint = parameterConstraint(name, names);
  return { ...(validation ? { validation } : {}), ...(constraint ? { constraint } : {}) };
}

/** IK-TAG-001: every mandatory tag is present on every resource whose schema accepts tags. */
export const tagMissingRule: PolicyRule = {
  id: 'IK-TAG-001',
  title: 'Mandatory tag missing',
  rationale:
    'The tagging standard lists tags every taggable resource must carry: cost allocation, ownership and incident routing depend on them.',
  ...TAGGING_STANDARD_RULE,
  check(view, context) {
    const tags = standardTags(view, context.parsed);
    if (!tags) return [];
    const path = fullPath(view, tags.path);
    if (tags.kind === 'expression') {
      return [
        {
          severity: 'info',
          message: `tags come from the expression ${tags.expression.expression}; the policy cannot see whether ${context.constraints.tagging.tags.map((tag) => tag.key).join(', ')} are set`,
          fieldPath: path,
          line: lineOf(view, tags.path),
          fix: 'Write the mandatory tags as a literal map whose values reference their sources, so they can be checked.',
        },
      ];
    }
    const present = tags.kind === 'map' ? tags.values : new Map<string, unknown>();
    const opaque = tags.kind === 'map' ? (tags.opaque ?? []) : [];
    const unseen = context.constraints.tagging.tags.filter((tag) => !present.has(tag.key));
    if (opaque.length > 0)
      return unseen.length === 0
        ? []
        : [
            cannotSee(
              `whether the tags ${unseen.map((tag) => tag.key).join(', ')} are set`,
              opaque.join(', '),
              { fieldPath: path, line: lineOf(view, tags.path) },
              'Give the variable a default, or write the mandatory tags in a literal map, a local or the provider default_tags.',
            ),
          ];
    const violations: Violation[] = [];
    for (const tag of unseen) {
      const value = sourcedExpression(tag, view.resource.tool);
      violations.push({
        message: `mandatory tag "${tag.key}" is missing (the tagging standard sources it from ${tag.source}${tag.from ? ` ${tag.from}` : ''})`,
        fieldPath: `${path}.${tag.key}`,
        line: lineOf(view, tags.path),
        fix: `Add tag ${tag.key} = ${value}.`,
        autofix: {
          kind: 'add-tag',
          key: tag.key,
          value: {
            expression: value,
            source: tag.source,
            from: tag.from,
            constant: tag.value,
            ...inputBounds(tag.from, context.constraints.context.environments),
          },
        },
      });
    }
    return violations;
  },
};

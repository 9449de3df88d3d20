import { isUnknownValue, type Resource } from '../iac/resource-model.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';

/** The parts of a composed resource a template action may build whole (`spec: {{ toYaml $spec | nindent 2 }}`). */
const BUILT_PATHS = ['spec', 'spec.forProvider', 'spec.initProvider'];

const valueAt = (body: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null && !isUnknownValue(value)
          ? (value as Record<string, unknown>)[key]
          : undefined,
      body,
    );

/**
 * A go-template resource whose `spec` (or `forProvider`) an action builds whole, from a value verify
 * cannot know: one "cannot see" warning for it, in place of required-field findings under it (a known
 * dict is substituted by the template reader and checked like literal YAML, so it never gets here).
 */
export function cannotSeeBuiltValues(resource: Resource, issues: VerifyIssue[]): VerifyIssue[] {
  if (!resource.origin) return issues;
  const built = BUILT_PATHS.map((path) => ({ path, value: valueAt(resource.body, path) })).find(
    ({ value }) => isUnknownValue(value) || (value === null && resource.meta.templateInjectsContent === true),
  );
  if (!built) return issues;
  const under = (fieldPath: string | undefined) =>
    fieldPath !== undefined && (fieldPath === built.path || fieldPath.startsWith(`${built.path}.`));
  const hidden = issues.filter((issue) => issue.ruleId === VERIFY_RULES.required && under(issue.fieldPath));
  const source = isUnknownValue(built.value) ? built.value.expression : 'a template action on its own line';
  return [
    ...issues.filter((issue) => !hidden.includes(issue)),
    {
      ruleId: VERIFY_RULES.unverifiable,
      level: 'warning',
      fieldPath: built.path,
      message: `cannot see ${built.path}: it is built by ${source}, which verify cannot evaluate, so its fields are not checked${hidden.length ? ` (nor its required fields: ${hidden.map((issue) => issue.fieldPath).join(', ')})` : ''}`,
      fix: `build ${built.path} from a dict the template declares (\`$x := dict ...\`), or write its fields as YAML, so that they can be checked`,
    },
  ];
}

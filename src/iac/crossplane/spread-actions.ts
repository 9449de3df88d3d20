import { isUnknownValue, type Resource } from '../resource-model.js';
import type { TemplateDelimiters } from './go-template.js';

/**
 * A line holding only `{{ toYaml $spec | nindent 2 }}` (or `$spec | toYaml | nindent 2`) writes the
 * YAML of `$spec` at that indentation. The line is rewritten as `<indent>__ikspread__: {{ toYaml $spec }}`
 * (same line, so line numbers hold), and after parsing the key is spread into its parent: the fields of
 * a known dict are checked like YAML; an unknown value becomes the parent's value when it is all there is.
 */
export const SPREAD_KEY = '__ikspread__';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites each line that only renders a variable's YAML with nindent/indent. */
export function markSpreadLines(template: string, delimiters?: TemplateDelimiters): string {
  const left = escapeRegExp(delimiters?.left || '{{');
  const right = escapeRegExp(delimiters?.right || '}}');
  const line = new RegExp(
    `^([ \\t]*)${left}-?\\s*(toYaml\\s+\\$\\w+|\\$\\w+\\s*\\|\\s*toYaml)\\s*\\|\\s*n?indent\\s+(\\d+)\\s*-?${right}[ \\t]*$`,
  );
  return template
    .split('\n')
    .map((text) => {
      const match = line.exec(text);
      if (!match) return text;
      const [, , render, indent] = match;
      return `${' '.repeat(Number(indent))}${SPREAD_KEY}: ${delimiters?.left || '{{'} ${render} ${delimiters?.right || '}}'}`;
    })
    .join('\n');
}

/** Spreads the marked keys of a parsed resource into their parents, and their field lines with them. */
export function spreadMarkedKeys(resource: Resource): void {
  let injects = false;
  const spread = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(spread);
    if (typeof value !== 'object' || value === null || isUnknownValue(value)) return value;
    const record = value as Record<string, unknown>;
    if (!(SPREAD_KEY in record)) {
      for (const key of Object.keys(record)) record[key] = spread(record[key]);
      return record;
    }
    const { [SPREAD_KEY]: inner, ...rest } = record;
    if (isUnknownValue(inner)) {
      if (Object.keys(rest).length === 0) return inner;
      injects = true;
      return spread(rest);
    }
    return spread({ ...rest, ...((inner as Record<string, unknown>) ?? {}) });
  };
  resource.body = spread(resource.body) as Record<string, unknown>;
  if (injects) resource.meta.templateInjectsContent = true;
  if (resource.fieldLines)
    resource.fieldLines = Object.fromEntries(
      Object.entries(resource.fieldLines).map(([path, line]) => [
        path.split(`.${SPREAD_KEY}`).join(''),
        line,
      ]),
    );
}

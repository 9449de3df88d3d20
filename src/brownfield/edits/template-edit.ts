import type { Resource } from '../../iac/resource-model.js';
import type { Edit } from '../change-schemas.js';
import { editError } from './edit-error.js';
import { indentContinuation, indentOf, spliceLines } from './text-lines.js';

/** `["spec","forProvider","rule","0","id"]` → `spec.forProvider.rule[0].id`, the key of Resource.fieldLines. */
export function dottedPath(path: string[]): string {
  return path.reduce(
    (out, segment) => (/^\d+$/.test(segment) ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}

/** The last line (0-based, inclusive) of the block that starts at `line`: every following deeper-indented line. */
function blockEnd(lines: string[], line: number): number {
  const indent = indentOf(lines[line].replace(/^(\s*)- /, '$1  '));
  let end = line;
  for (let index = line + 1; index < lines.length; index += 1) {
    const current = lines[index];
    if (!current.trim()) continue;
    if (current.trimStart().startsWith('{{') && !current.includes(':')) break;
    if (indentOf(current) <= indent) break;
    end = index;
  }
  return end;
}

/**
 * Applies one set/delete edit to a resource rendered by a go-template inside a Composition. The
 * template is not YAML until rendered, so the edit is a careful text edit: the parser's field
 * lines name the line, and indentation bounds the block. Other lines are left untouched.
 */
export function applyTemplateEdit(text: string, edit: Edit, resource: Resource): string {
  const lines = text.split('\n');
  const fieldLines = resource.fieldLines ?? {};
  const target = fieldLines[dottedPath(edit.path)];
  if (target !== undefined) {
    const index = target - 1;
    const line = lines[index];
    const match = /^(\s*(?:- )?["']?[\w./-]+["']?:)(.*)$/.exec(line);
    if (!match) throw editError(edit, `line ${target} is not a "key: value" line`);
    const end = blockEnd(lines, index);
    if (edit.op === 'delete') return spliceLines(lines, index, end + 1, []).join('\n');
    const value = edit.value ?? '';
    const column = indentOf(line);
    const replacement = value.includes('\n')
      ? [
          match[1],
          ...value
            .replace(/\n+$/, '')
            .split('\n')
            .map((part) => `${' '.repeat(column + 2)}${part}`),
        ]
      : [`${match[1]} ${indentContinuation(value, column + 2)}`];
    return spliceLines(lines, index, end + 1, replacement).join('\n');
  }
  if (edit.op === 'delete') throw editError(edit, 'the field does not exist in the template');
  // Insert under the deepest parent that exists.
  for (let depth = edit.path.length - 1; depth > 0; depth -= 1) {
    const parentLine = fieldLines[dottedPath(edit.path.slice(0, depth))];
    if (parentLine === undefined) continue;
    const parentIndex = parentLine - 1;
    const end = blockEnd(lines, parentIndex);
    const childIndent =
      end > parentIndex ? indentOf(lines[parentIndex + 1]) : indentOf(lines[parentIndex]) + 2;
    const keys = edit.path.slice(depth);
    const value = edit.value ?? '';
    const added = keys.map((key, index) => {
      const pad = ' '.repeat(childIndent + 2 * index);
      return index < keys.length - 1
        ? `${pad}${key}:`
        : `${pad}${key}: ${indentContinuation(value, childIndent + 2 * index + 2)}`;
    });
    return spliceLines(lines, end + 1, end + 1, added).join('\n');
  }
  throw editError(edit, 'no part of the path exists in the resource');
}

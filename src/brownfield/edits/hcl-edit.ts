import type { Resource } from '../../iac/resource-model.js';
import type { Edit } from '../change-schemas.js';
import { editError } from './edit-error.js';
import { indentOf, spliceLines } from './text-lines.js';

/** Net brace depth change of one HCL line, ignoring braces inside strings and comments. */
function braceDelta(line: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '#' || (character === '/' && line[index + 1] === '/')) break;
    else if (character === '{' || character === '[' || character === '(') depth += 1;
    else if (character === '}' || character === ']' || character === ')') depth -= 1;
  }
  return depth;
}

/** The 0-based index of the line that closes the block opened on `start`. */
export function hclBlockEnd(lines: string[], start: number): number {
  let depth = 0;
  for (let index = start; index < lines.length; index += 1) {
    depth += braceDelta(lines[index]);
    if (depth <= 0 && index > start) return index;
    if (depth <= 0 && index === start && lines[index].includes('{')) return index;
  }
  return lines.length - 1;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds the direct child `name` (attribute or block) between lines (start, end) at depth one. */
function findChild(lines: string[], start: number, end: number, name: string): number | undefined {
  const pattern = new RegExp(`^\\s*"?${escape(name)}"?\\s*(=|\\{)`);
  let depth = 0;
  for (let index = start; index < end; index += 1) {
    if (index > start && depth === 1 && pattern.test(lines[index])) return index;
    depth += braceDelta(lines[index]);
  }
  return undefined;
}

/** The `=` column of the attribute run around `index`, to keep `tofu fmt` alignment. */
function alignedKey(lines: string[], index: number, key: string, indent: number): string {
  const neighbour = [lines[index - 1], lines[index + 1]].find(
    (line) => line && /^\s*[\w"-]+\s*=/.test(line) && indentOf(line) === indent,
  );
  const width = neighbour ? neighbour.indexOf('=') - indent - 1 : key.length;
  return key.padEnd(Math.max(width, key.length));
}

/**
 * Applies one set/delete edit inside a Terraform block with careful text edits: the block is found
 * from the parser's location, nested blocks and map attributes by brace depth, and only the
 * attribute's own lines change.
 */
export function applyHclEdit(text: string, edit: Edit, resource: Resource): string {
  const lines = text.split('\n');
  let start = resource.location.line - 1;
  let end = hclBlockEnd(lines, start);
  for (let depth = 0; depth < edit.path.length; depth += 1) {
    const segment = edit.path[depth];
    const last = depth === edit.path.length - 1;
    const found = findChild(lines, start, end, segment);
    if (found === undefined) {
      if (edit.op === 'delete') throw editError(edit, `"${segment}" does not exist`);
      const keys = edit.path.slice(depth);
      const indent =
        end > start + 1
          ? indentOf(lines.slice(start + 1, end).find((line) => line.trim()) ?? '')
          : indentOf(lines[start]) + 2;
      const added: string[] = [];
      keys.forEach((key, index) => {
        const pad = ' '.repeat(indent + 2 * index);
        if (index < keys.length - 1) added.push(`${pad}${key} {`);
        else added.push(`${pad}${alignedKey(lines, end - 1, key, indent + 2 * index)} = ${edit.value ?? ''}`);
      });
      for (let index = keys.length - 2; index >= 0; index -= 1)
        added.push(`${' '.repeat(indent + 2 * index)}}`);
      return spliceLines(lines, end, end, added).join('\n');
    }
    const isAttribute = /^\s*"?[\w-]+"?\s*=/.test(lines[found]);
    const foundEnd = braceDelta(lines[found]) > 0 ? hclBlockEnd(lines, found) : found;
    if (last) {
      if (edit.op === 'delete') return spliceLines(lines, found, foundEnd + 1, []).join('\n');
      if (!isAttribute) throw editError(edit, `"${segment}" is a block; set its attributes one by one`);
      const prefix = /^(\s*"?[\w-]+"?\s*=\s*)/.exec(lines[found])![1];
      const comment =
        foundEnd === found
          ? (/\s+(#|\/\/).*$/.exec(
              lines[found]
                .slice(prefix.length)
                .replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => ' '.repeat(quoted.length)),
            )?.[0] ?? '')
          : '';
      const trailing = comment ? lines[found].slice(lines[found].length - comment.length) : '';
      const value = (edit.value ?? '').replace(/\n+$/, '');
      return spliceLines(lines, found, foundEnd + 1, [`${prefix}${value}${trailing}`]).join('\n');
    }
    start = found;
    end = foundEnd;
  }
  throw editError(edit, 'an empty field path');
}

import { joinPath } from './field-path.js';
import { belongs, type Frame } from './line-scan.js';

/**
 * The line of every field path (`a.b`, `a.list[0].c`) of one block-style YAML document, found by an
 * indentation scan, for readers whose values come from js-yaml (which keeps no positions). Unlike
 * line-scan.ts it gives up (undefined) on anything it cannot place exactly as the `yaml` parser
 * would: a flow collection or a quoted string that spans lines, anchors, aliases, complex keys,
 * directives, tabs, CR line ends, a sequence item whose value starts on the next line. A flow
 * collection closed on its own line is not descended into: its owner is listed in `flowLines`, and
 * every field inside it is on that line.
 */
export interface ScannedLines {
  /** Field path → 1-based line of its key (or of its sequence item). */
  lines: Map<string, number>;
  /** Field paths whose value is a flow collection written on one line → that line. */
  flowLines: Map<string, number>;
}

/** What follows `key:` or `- ` on a line. */
type ValueShape = 'nested' | 'nested-tag' | 'block-scalar' | 'flow' | 'quoted' | 'plain' | 'unsupported';

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]&*!|>?%@`,-][^#]*?|-[^\s#][^#]*?):(?:[ ]+(.*))?$/;
const TAG = /^!\w+(?=\s|$)/;
const BLOCK_SCALAR = /^[|>][-+1-9]?[-+]?(?:\s+#.*)?$/;

/** Whether the rest of a line after a closed value is blank or a comment. */
const endsClean = (rest: string): boolean => /^(?:\s+#.*|\s*)$/.test(rest);

/** The index just past a quoted string starting at `start`, or -1 when it does not close on the line. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index];
    if (quote === '"' && character === '\\') index += 1;
    else if (character === quote) {
      if (quote === "'" && text[index + 1] === "'") index += 1;
      else return index + 1;
    }
  }
  return -1;
}

/** A null key (`~:`, `null:`), which `yaml` turns into an empty key in plain values but not in its nodes. */
const NULL_KEY = /(?:^|[\s{[,])(?:~|[Nn]ull|NULL)\s*:(?:\s|$)/;

/**
 * The index just past a flow collection starting at `start`, or -1 when it does not close on the
 * line, or holds an anchor, an alias, a comment, a null key or a collection as a key (which js-yaml
 * and `yaml` turn into different strings).
 */
function flowEnd(text: string, start: number): number {
  const open: string[] = [];
  let entryStart = false;
  let plain = '';
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (character === ' ') {
      plain += character;
      continue;
    }
    const atEntryStart = entryStart;
    entryStart = false;
    if (character === '"' || character === "'") {
      const end = quotedEnd(text, index);
      if (end < 0) return -1;
      index = end - 1;
      plain += ' "" ';
      continue;
    }
    plain += character;
    if (character === ':' && NULL_KEY.test(`${plain}${text[index + 1] ?? ''}`)) return -1;
    if (character === '#' && /\s/.test(text[index - 1] ?? '')) return -1;
    if (character === '&' || character === '*' || character === '?') return -1;
    if (character === '[' || character === '{') {
      if (atEntryStart && open[open.length - 1] === '{') return -1; // a collection as a mapping key
      open.push(character);
      entryStart = true;
    } else if (character === ']' || character === '}') {
      open.pop();
      if (/^ *:/.test(text.slice(index + 1))) return -1; // a collection as a key
      if (open.length === 0) return index + 1;
    } else if (character === ',') entryStart = true;
  }
  return -1;
}

function valueShape(value: string): ValueShape {
  let rest = value;
  let tagged = false;
  const tag = rest.match(TAG);
  if (tag) {
    tagged = true;
    rest = rest.slice(tag[0].length).trimStart();
  }
  if (rest === '' || rest.startsWith('#')) return tagged ? 'nested-tag' : 'nested';
  const first = rest[0];
  if (first === '&' || first === '*' || first === '!' || first === '%' || first === '@' || first === '`')
    return 'unsupported';
  if (first === '|' || first === '>') return BLOCK_SCALAR.test(rest) ? 'block-scalar' : 'unsupported';
  if (first === '[' || first === '{') {
    const end = flowEnd(rest, 0);
    return end > 0 && endsClean(rest.slice(end)) ? 'flow' : 'unsupported';
  }
  if (first === '"' || first === "'") {
    const end = quotedEnd(rest, 0);
    return end > 0 && endsClean(rest.slice(end)) ? 'quoted' : 'unsupported';
  }
  if (first === '?' || first === ':' || first === ',' || first === ']' || first === '}') return 'unsupported';
  return 'plain';
}

const unquote = (key: string): string | undefined => {
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  if (key.startsWith('"')) return key.includes('\\') ? undefined : key.slice(1, -1);
  return key.trim();
};

/** The lines of one block-style YAML document, or undefined when they cannot be placed exactly. */
export function scanExactFieldLines(text: string): ScannedLines | undefined {
  if (text.includes('\r') || text.includes('\t') || text.startsWith('\uFEFF')) return undefined;
  const lines = new Map<string, number>();
  const flowLines = new Map<string, number>();
  const stack: Frame[] = [{ kind: 'map', indent: 0, path: '' }];
  // Lines indented deeper than this belong to the scalar above (block scalar, plain continuation).
  let scalarOwnerIndent: number | undefined;
  let documentStarted = false;
  const rows = text.split('\n');
  for (let position = 0; position < rows.length; position += 1) {
    const raw = rows[position];
    const lineNumber = position + 1;
    const content = raw.trimStart();
    let column = raw.length - content.length;
    if (content === '' || content.startsWith('#')) continue;
    if (scalarOwnerIndent !== undefined) {
      if (column > scalarOwnerIndent) continue;
      scalarOwnerIndent = undefined;
    }
    if (/^---(\s|$)/.test(content)) {
      // one document only, with nothing after its marker
      if (documentStarted || !endsClean(content.slice(3))) return undefined;
      documentStarted = true;
      continue;
    }
    if (content.startsWith('%') || /^\.\.\.(\s|$)/.test(content)) return undefined;
    documentStarted = true;
    let rest = content;
    const isItem = rest === '-' || rest.startsWith('- ');
    while (stack.length > 1 && !belongs(stack[stack.length - 1], column, isItem)) stack.pop();
    let ownerIndent = column;
    let itemPath: string | undefined;
    while (rest === '-' || rest.startsWith('- ')) {
      let top = stack[stack.length - 1];
      if (top.kind !== 'sequence' || top.indent !== column) {
        if (top.kind === 'sequence') return undefined;
        top = { kind: 'sequence', indent: column, path: top.path, index: -1 };
        stack.push(top);
      }
      top.index += 1;
      itemPath = joinPath(top.path, top.index);
      lines.set(itemPath, lineNumber);
      ownerIndent = column;
      const after = rest.slice(1);
      column += 1 + (after.length - after.trimStart().length);
      rest = after.trimStart();
      if (rest === '' || rest.startsWith('#')) return undefined; // the item's node starts on a later line
      stack.push({ kind: 'map', indent: column, path: itemPath });
    }
    const match = rest.match(KEY);
    if (!match) {
      if (itemPath === undefined) return undefined; // a line that is neither a key nor an item
      // a sequence item that is a value: the map frame pushed for it holds nothing
      stack.pop();
      const shape = valueShape(rest);
      if (shape === 'flow') flowLines.set(itemPath, lineNumber);
      else if (shape === 'block-scalar' || shape === 'plain') scalarOwnerIndent = ownerIndent;
      else if (shape !== 'quoted') return undefined;
      continue;
    }
    const key = unquote(match[1]);
    if (key === undefined || key === '<<' || /^(?:~|[Nn]ull|NULL)$/.test(match[1])) return undefined;
    const parent = stack[stack.length - 1];
    if (parent.kind === 'sequence') return undefined; // a key beside sequence items
    const path = joinPath(parent.path, key);
    if (lines.has(path)) return undefined; // a duplicate key, or two paths spelled alike
    lines.set(path, lineNumber);
    const shape = valueShape(match[2] ?? '');
    if (shape === 'nested' || shape === 'nested-tag') stack.push({ kind: 'key', indent: column, path });
    else if (shape === 'flow') flowLines.set(path, lineNumber);
    else if (shape === 'block-scalar' || shape === 'plain') scalarOwnerIndent = column;
    else if (shape !== 'quoted') return undefined;
  }
  return { lines, flowLines };
}

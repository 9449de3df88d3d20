import { joinPath } from './field-path.js';

/**
 * A fast indentation scan of block-style YAML that finds the line of each field path (`a.b`,
 * `a.list[0].c`), for documents whose values are read by js-yaml (which keeps no positions).
 * Flow collections are not descended into; block scalars are skipped. Used for the documents of
 * go-templates, where speed matters and the text is block-style YAML.
 */
/** Where a line sits: under a key, in a mapping, or in a sequence (its last item's index). */
export type Frame =
  | { kind: 'key'; indent: number; path: string }
  | { kind: 'map'; indent: number; path: string }
  | { kind: 'sequence'; indent: number; path: string; index: number };

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]&*!|>-][^#]*?|-[^\s#][^#]*?):(?:\s+(.*))?$/;

const unquote = (key: string): string =>
  key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key.trim();

/** Whether a line at this indent (an item when `isItem`) still belongs to the frame. */
export function belongs(frame: Frame, indent: number, isItem: boolean): boolean {
  if (frame.kind === 'key') return indent > frame.indent || (indent === frame.indent && isItem);
  if (frame.kind === 'map') return indent >= frame.indent;
  return indent > frame.indent || (indent === frame.indent && isItem);
}

/** The 1-based line of each field path of one YAML document. */
export function scanYamlFieldLines(text: string): Record<string, number> {
  const lines: Record<string, number> = {};
  const stack: Frame[] = [{ kind: 'map', indent: 0, path: '' }];
  let blockScalarIndent: number | undefined;
  text.split('\n').forEach((raw, position) => {
    const lineNumber = position + 1;
    const content = raw.trimStart();
    let column = raw.length - content.length;
    if (content === '' || content.startsWith('#')) return;
    if (blockScalarIndent !== undefined) {
      if (column > blockScalarIndent) return;
      blockScalarIndent = undefined;
    }
    if (/^---(\s|$)/.test(content) || /^\.\.\.(\s|$)/.test(content)) return;
    let rest = content;
    const isItem = rest === '-' || rest.startsWith('- ');
    while (stack.length > 1 && !belongs(stack[stack.length - 1], column, isItem)) stack.pop();
    while (rest === '-' || rest.startsWith('- ')) {
      let top = stack[stack.length - 1];
      if (top.kind !== 'sequence' || top.indent !== column) {
        const owner = top.kind === 'key' ? top.path : top.path;
        top = { kind: 'sequence', indent: column, path: owner, index: -1 };
        stack.push(top);
      }
      top.index += 1;
      const itemPath = joinPath(top.path, top.index);
      lines[itemPath] = lineNumber;
      const after = rest.slice(1);
      column += 1 + (after.length - after.trimStart().length);
      rest = after.trimStart();
      stack.push({ kind: 'map', indent: column, path: itemPath });
      if (rest === '') return;
    }
    const match = rest.match(KEY);
    if (!match) return;
    const parent = stack[stack.length - 1];
    const path = joinPath(parent.path, unquote(match[1]));
    lines[path] = lineNumber;
    const value = (match[2] ?? '').replace(/(^|\s+)#.*$/, '').trim();
    if (/^[|>][-+0-9]*$/.test(value)) blockScalarIndent = column;
    else if (value === '' || /^[&!]\S+$/.test(value)) stack.push({ kind: 'key', indent: column, path });
  });
  return lines;
}

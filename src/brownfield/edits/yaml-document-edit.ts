import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import type { Edit } from '../change-schemas.js';
import { editError } from './edit-error.js';
import { indentContinuation, lineOfOffset, lineStarts } from './text-lines.js';

/** CloudFormation resource attributes that sit beside Properties, not inside it. */
const RESOURCE_ATTRIBUTES = new Set([
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Condition',
  'DependsOn',
  'Metadata',
  'Type',
  'Properties',
]);

type Collection = Node & { items: unknown[]; flow?: boolean; range?: [number, number, number] | null };

/**
 * Applies one set/delete edit to plain YAML (or JSON) with the `yaml` document API: the API finds
 * the node and its byte range, and only that range is rewritten, so comments, ordering and every
 * other resource stay byte-identical. The value is spliced in as the source text the model gave.
 */
export function applyYamlDocumentEdit(text: string, edit: Edit, kind: 'manifest' | 'cloudformation'): string {
  const documents = parseAllDocuments(text, { keepSourceTokens: true });
  if (!Array.isArray(documents)) throw editError(edit, 'the file holds no YAML document');
  const { root, path } =
    kind === 'cloudformation' ? cloudFormationRoot(documents, edit) : manifestRoot(documents, edit);
  const json = edit.file.toLowerCase().endsWith('.json');
  return editAt(text, root, path, edit, json);
}

function manifestRoot(documents: Document[], edit: Edit): { root: Collection; path: string[] } {
  for (const document of documents) {
    const contents = document.contents;
    if (!isMap(contents)) continue;
    const name = document.getIn(['metadata', 'name']);
    const annotation = document.getIn(['metadata', 'annotations', 'crossplane.io/composition-resource-name']);
    if (name === edit.resource || annotation === edit.resource)
      return { root: contents as Collection, path: edit.path };
  }
  throw editError(edit, `no document with metadata.name "${edit.resource}" in the file`);
}

function cloudFormationRoot(documents: Document[], edit: Edit): { root: Collection; path: string[] } {
  const resource = documents[0]?.getIn(['Resources', edit.resource], true);
  if (!isMap(resource)) throw editError(edit, `no resource "${edit.resource}" under Resources`);
  const attributeLevel = edit.path.length > 0 && RESOURCE_ATTRIBUTES.has(edit.path[0]);
  if (attributeLevel) return { root: resource as Collection, path: edit.path };
  const properties = resource.get('Properties', true);
  if (!isMap(properties)) throw editError(edit, 'the resource has no Properties map');
  return { root: properties as Collection, path: edit.path };
}

function pairOf(map: Collection, key: string): Pair<Node, Node> | undefined {
  return (map.items as Array<Pair<Node, Node>>).find(
    (pair) => isScalar(pair.key) && String(pair.key.value) === key,
  );
}

function editAt(text: string, root: Collection, path: string[], edit: Edit, json: boolean): string {
  if (path.length === 0) throw editError(edit, 'an empty field path');
  let node: Collection = root;
  for (let depth = 0; depth < path.length; depth += 1) {
    const segment = path[depth];
    const last = depth === path.length - 1;
    if (isMap(node)) {
      const pair = pairOf(node, segment);
      if (!pair) {
        if (edit.op === 'delete') throw editError(edit, `"${segment}" does not exist`);
        return insertIntoMap(text, node, path.slice(depth), edit, json);
      }
      if (last)
        return edit.op === 'delete'
          ? deleteRange(text, keyStart(pair), pair.value?.range?.[1] ?? keyStart(pair))
          : replaceValue(text, pair, edit);
      node = pair.value as Collection;
    } else if (isSeq(node)) {
      const index = segment === '-' ? node.items.length : Number(segment);
      if (!Number.isInteger(index) || index < 0 || index > node.items.length)
        throw editError(edit, `"${segment}" is not an index of the list`);
      if (index === node.items.length) {
        if (!last || edit.op !== 'set') throw editError(edit, `the list has no item ${segment}`);
        return appendToSequence(text, node, edit);
      }
      const item = node.items[index] as Node;
      if (last) {
        const range = item.range!;
        if (edit.op === 'delete') return deleteRange(text, range[0], range[1]);
        return text.slice(0, range[0]) + (edit.value ?? '') + text.slice(range[1]);
      }
      node = item as Collection;
    } else throw editError(edit, `"${path.slice(0, depth).join('.')}" is not a map or a list`);
  }
  throw editError(edit, 'the path ended early');
}

const keyStart = (pair: Pair<Node, Node>): number => pair.key?.range?.[0] ?? 0;

function replaceValue(text: string, pair: Pair<Node, Node>, edit: Edit): string {
  const value = edit.value ?? '';
  const node = pair.value;
  const starts = lineStarts(text);
  const keyOffset = keyStart(pair);
  const column = keyOffset - starts[lineOfOffset(starts, keyOffset)];
  if (node && (isScalar(node) || (node as Collection).flow) && node.range) {
    return text.slice(0, node.range[0]) + indentContinuation(value, column + 2) + text.slice(node.range[1]);
  }
  // A block collection: rewrite the pair from its key to the end of its value.
  const end = node?.range?.[1] ?? keyOffset;
  const key = text.slice(keyOffset, pair.key!.range![1]);
  const rendered = value.includes('\n')
    ? `${key}:\n${value
        .replace(/\n+$/, '')
        .split('\n')
        .map((line) => `${' '.repeat(column + 2)}${line}`)
        .join('\n')}\n`
    : `${key}: ${value}\n`;
  const lineEnd =
    text.lastIndexOf('\n', end - 1) + 1 === end ? end : text.indexOf('\n', end) + 1 || text.length;
  return text.slice(0, keyOffset) + rendered + text.slice(lineEnd);
}

/** Removes whole lines from the one holding `start` to the one holding `end - 1`. */
function deleteRange(text: string, start: number, end: number): string {
  const starts = lineStarts(text);
  const first = starts[lineOfOffset(starts, start)];
  const lastLine = lineOfOffset(starts, Math.max(start, end - 1));
  const after = starts[lastLine + 1] ?? text.length;
  const before = text.slice(first, start).trim();
  if (before && before !== '-') throw new Error('refusing to delete part of a line');
  return text.slice(0, first) + text.slice(after);
}

function renderNested(keys: string[], value: string, column: number, json: boolean): string {
  const quote = (key: string) => (json ? JSON.stringify(key) : key);
  const lines: string[] = [];
  keys.forEach((key, index) => {
    const pad = ' '.repeat(column + 2 * index);
    if (index < keys.length - 1) lines.push(`${pad}${quote(key)}:`);
    else if (value.includes('\n'))
      lines.push(
        `${pad}${quote(key)}:`,
        ...value
          .replace(/\n+$/, '')
          .split('\n')
          .map((line) => `${pad}  ${line}`),
      );
    else lines.push(`${pad}${quote(key)}: ${value}`);
  });
  return `${lines.join('\n')}\n`;
}

function insertIntoMap(text: string, map: Collection, keys: string[], edit: Edit, json: boolean): string {
  const value = edit.value ?? '';
  const range = map.range!;
  const lastPair = map.items[map.items.length - 1] as Pair<Node, Node> | undefined;
  if (json && lastPair?.value?.range && text.slice(range[0], range[1]).includes('\n')) {
    // A multi-line JSON object: a new line after the last member, indented like it.
    const starts = lineStarts(text);
    const column = keyStart(lastPair) - starts[lineOfOffset(starts, keyStart(lastPair))];
    let nested = value;
    for (const key of [...keys].reverse().slice(0, -1)) nested = `{ ${JSON.stringify(key)}: ${nested} }`;
    const end = lastPair.value.range[1];
    return `${text.slice(0, end)},\n${' '.repeat(column)}${JSON.stringify(keys[0])}: ${nested}${text.slice(end)}`;
  }
  if (map.flow || json) {
    const close = text.lastIndexOf('}', range[1] - 1);
    if (close < range[0]) throw editError(edit, 'cannot find the end of the map');
    let nested = value;
    for (const key of [...keys].reverse().slice(0, -1))
      nested = `{ ${json ? JSON.stringify(key) : key}: ${nested} }`;
    const first = json ? JSON.stringify(keys[0]) : keys[0];
    const empty = map.items.length === 0;
    const beforeClose = text.slice(0, close).replace(/\s*$/, '');
    return `${beforeClose}${empty ? '' : ','} ${first}: ${nested} ${text.slice(close)}`;
  }
  const starts = lineStarts(text);
  const firstPair = map.items[0] as Pair<Node, Node> | undefined;
  const column = firstPair ? keyStart(firstPair) - starts[lineOfOffset(starts, keyStart(firstPair))] : 0;
  const lastLine = lineOfOffset(starts, Math.max(range[0], range[1] - 1));
  const insertAt = starts[lastLine + 1] ?? text.length;
  const prefix = insertAt === text.length && !text.endsWith('\n') ? '\n' : '';
  return text.slice(0, insertAt) + prefix + renderNested(keys, value, column, json) + text.slice(insertAt);
}

function appendToSequence(text: string, seq: Collection, edit: Edit): string {
  const value = edit.value ?? '';
  const range = seq.range!;
  if (seq.flow) {
    const close = text.lastIndexOf(']', range[1] - 1);
    const beforeClose = text.slice(0, close).replace(/\s*$/, '');
    return `${beforeClose}${seq.items.length ? ', ' : ''}${value}${text.slice(close)}`;
  }
  const starts = lineStarts(text);
  const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
  if (!lastItem?.range) throw editError(edit, 'cannot append to an empty block list');
  const firstItem = seq.items[0] as Node;
  const firstLine = lineOfOffset(starts, firstItem.range![0]);
  const prefix = text.slice(starts[firstLine], firstItem.range![0]);
  const lastLine = lineOfOffset(starts, Math.max(lastItem.range[0], lastItem.range[1] - 1));
  const insertAt = starts[lastLine + 1] ?? text.length;
  return `${text.slice(0, insertAt)}${prefix}${indentContinuation(value, prefix.length)}\n${text.slice(insertAt)}`;
}

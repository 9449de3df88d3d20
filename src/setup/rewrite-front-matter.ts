import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { joinFrontMatter, splitFrontMatter } from '../constraints/front-matter.js';

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
type Path = Array<string | number>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns the file with its front matter set to `next`, keeping the markdown body, the key order and
 * every comment next to a value that did not change: the update descends into maps (and lists whose
 * length is the same) and replaces only the values that differ. Keys in `previous` but absent from
 * `next` are removed; keys the schema does not know stay. Lists of plain values are written inline.
 */
export function rewriteFrontMatter(text: string, previous: unknown, next: Record<string, unknown>): string {
  const match = FENCE.exec(text);
  const { body, syntaxErrors } = splitFrontMatter(text);
  const parsed: Document = parseDocument(match && !syntaxErrors.length ? match[1] : '');
  // A missing or broken front matter is replaced whole.
  const document: Document = isMap(parsed.contents) ? parsed : new Document({});
  update(document, [], previous, next);
  return joinFrontMatter(document.toString({ lineWidth: 0, flowCollectionPadding: false }), body);
}

function update(document: Document, path: Path, before: unknown, after: unknown): void {
  if (isDeepStrictEqual(before, after) && (path.length === 0 || document.hasIn(path))) return;
  if (isRecord(before) && isRecord(after) && (path.length === 0 || isMap(document.getIn(path, true)))) {
    for (const [key, value] of Object.entries(after)) {
      if (value !== undefined) update(document, [...path, key], before[key], value);
    }
    for (const key of Object.keys(before)) {
      if (after[key] === undefined && document.hasIn([...path, key])) document.deleteIn([...path, key]);
    }
    return;
  }
  if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    before.length === after.length &&
    isSeq(document.getIn(path, true))
  ) {
    after.forEach((value, index) => update(document, [...path, index], before[index], value));
    return;
  }
  document.setIn(path, inlineScalarLists(document.createNode(after)));
}

function inlineScalarLists<T>(node: T): T {
  if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
  visit(node as never, {
    Seq(_key, sequence) {
      if (sequence.items.every((item) => isScalar(item))) sequence.flow = true;
    },
  });
  return node;
}

import { resolveNode, type SchemaNode } from '../schemas/schema-node.js';

const LIST =
  /Valid values(?: for this (?:parameter|field|argument|attribute))?(?: are| is)?\s*:?\s*(.+?)(?:\.\s|\.$|\n|$)/i;

/**
 * "Valid values: A, B" written only in an upjet description, or undefined when there is no single
 * unconditional list (e.g. "Valid values for dedicated connections: ... Valid values for hosted
 * connections: ...", which depends on another setting).
 */
export function descriptionValues(description: string | undefined): string[] | undefined {
  if (!description) return undefined;
  const mentions = description.match(/valid values/gi)?.length ?? 0;
  if (
    mentions !== 1 ||
    /valid values for (?!this (?:parameter|field|argument|attribute)\b)/i.test(description)
  )
    return undefined;
  const match = description.match(LIST);
  // `COUNT(n)`, `2XX`: the list names value shapes, not values
  if (!match || /\w\(/.test(match[1]) || /\b\d[Xx]{2}\b/.test(match[1])) return undefined;
  const values = match[1]
    .replace(/\s*\([^)]*\)/g, '')
    .split(/,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/)
    .map((value) => value.trim().replace(/^[`"']|[`"']$/g, ''))
    .filter((value) => value !== '');
  if (values.length < 2 || values.some((value) => !/^[\w:./-]+$/.test(value))) return undefined;
  return values;
}

const STOP_WORDS = new Set([
  'about',
  'value',
  'values',
  'valid',
  'specified',
  'specifies',
  'option',
  'options',
  'setting',
  'settings',
  'shows',
  'whether',
  'which',
  'the',
  'this',
  'that',
  'for',
  'with',
  'from',
  'default',
  'type',
  'name',
  'resource',
  'field',
  'parameter',
  'configuration',
  'enable',
  'enabled',
  'used',
  'uses',
  'when',
]);

const wordsOf = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 4 && !STOP_WORDS.has(word))
    .map((word) => word.replace(/s$/, ''));

/**
 * Upjet copies descriptions between fields: Keyspaces `schemaDefinition.column.type` carries the
 * encryption types, `pointInTimeRecovery.status` the client-side timestamps text. A list is taken as
 * another field's when the description names the concept of a field beside this field or one of its
 * ancestors (and not of this field's own path), and that field's subtree states the same list.
 */
export function isAnotherFieldsList(
  description: string,
  values: string[],
  segments: Array<string | number>,
  root: SchemaNode,
  definitions?: Record<string, SchemaNode>,
): boolean {
  const subject = description.split(/valid values/i)[0];
  const own = new Set(segments.filter((segment) => typeof segment === 'string').flatMap(wordsOf));
  const concepts = new Set(wordsOf(subject).filter((word) => !own.has(word)));
  if (concepts.size === 0) return false;
  const key = [...values].sort().join('\u0000');
  let node = resolveNode(root, definitions);
  for (const segment of segments) {
    if (!node) return false;
    if (typeof segment === 'number') {
      node = resolveNode(node.items, definitions);
      continue;
    }
    for (const [name, sibling] of Object.entries(node.properties ?? {})) {
      if (name === segment || !wordsOf(name).some((word) => concepts.has(word))) continue;
      if (subtreeStates(sibling, key, definitions, 4)) return true;
    }
    node = resolveNode(node.properties?.[segment], definitions);
  }
  return false;
}

function subtreeStates(
  schema: SchemaNode | undefined,
  key: string,
  definitions: Record<string, SchemaNode> | undefined,
  depth: number,
): boolean {
  const node = resolveNode(schema, definitions);
  if (!node || depth < 0) return false;
  const listed = descriptionValues(node.description) ?? singleValue(node.description);
  if (listed && [...listed].sort().join('\u0000') === key) return true;
  const children = [...Object.values(node.properties ?? {}), ...(node.items ? [node.items] : [])];
  return children.some((child) => subtreeStates(child, key, definitions, depth - 1));
}

const singleValue = (description: string | undefined) => {
  const match = description?.match(/Valid values?(?: is| are)?:?\s*([\w:./-]+)\.?\s*$/i);
  return match ? [match[1].replace(/\.$/, '')] : undefined;
};

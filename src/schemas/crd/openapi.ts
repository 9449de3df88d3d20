import type { CelRule, SchemaNode } from '../schema-node.js';

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const NUMERIC_BOUNDS = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
] as const;

/** The CEL rules of a node, without upjet's required-parameter rules (checked by required-parameters.ts, which follows patches). */
function celRules(raw: unknown): CelRule[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const record = asRecord(entry);
    if (typeof record.rule !== 'string') return [];
    const message = typeof record.message === 'string' ? record.message : undefined;
    if (message && REQUIRED_MESSAGE.test(message)) return [];
    return [
      {
        rule: record.rule,
        ...(message ? { message } : {}),
        ...(/\boldSelf\b/.test(record.rule) ? { transition: true } : {}),
      },
    ];
  });
}

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean']);

/** Converts an openAPIV3Schema node into our SchemaNode (dropping validation rules we do not evaluate). */
export function toSchemaNode(raw: unknown): SchemaNode {
  const source = asRecord(raw);
  const node: SchemaNode = {};
  if (typeof source.type === 'string' && TYPES.has(source.type))
    node.type = source.type as SchemaNode['type'];
  if (typeof source.description === 'string') node.description = source.description;
  if (typeof source.format === 'string') node.format = source.format;
  if (Array.isArray(source.enum)) node.enum = source.enum;
  if (Array.isArray(source.required)) node.required = source.required.map(String);
  if (source['x-kubernetes-preserve-unknown-fields'] === true) node.preserveUnknown = true;
  if (source['x-kubernetes-int-or-string'] === true) node.intOrString = true;
  if (source['x-kubernetes-embedded-resource'] === true) node.embeddedResource = true;
  if (source.nullable === true) node.nullable = true;
  if (source.default !== undefined) node.default = source.default;
  if (typeof source.pattern === 'string') node.pattern = source.pattern;
  for (const bound of NUMERIC_BOUNDS) if (typeof source[bound] === 'number') node[bound] = source[bound];
  if (source.exclusiveMinimum === true) node.exclusiveMinimum = true;
  if (source.exclusiveMaximum === true) node.exclusiveMaximum = true;
  const validations = celRules(source['x-kubernetes-validations']);
  if (validations.length) node.validations = validations;
  const properties = asRecord(source.properties);
  if (Object.keys(properties).length)
    node.properties = Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, toSchemaNode(value)]),
    );
  if (source.additionalProperties === true) node.additionalProperties = true;
  else if (typeof source.additionalProperties === 'object' && source.additionalProperties !== null)
    node.additionalProperties = toSchemaNode(source.additionalProperties);
  if (source.items && typeof source.items === 'object')
    node.items = toSchemaNode(Array.isArray(source.items) ? source.items[0] : source.items);
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const options = source[combinator];
    if (Array.isArray(options) && options.some((option) => asRecord(option).type))
      node.anyOf = options.map(toSchemaNode);
  }
  return node;
}

const REQUIRED_MESSAGE = /^(spec\.forProvider\.[\w.]+) is a required parameter$/;

/** Upjet's required parameters, written as CEL rules on spec: `spec.forProvider.x is a required parameter`. */
export function requiredParameters(openApi: Record<string, unknown>): string[] {
  const spec = asRecord(asRecord(openApi.properties).spec);
  const rules = Array.isArray(spec['x-kubernetes-validations']) ? spec['x-kubernetes-validations'] : [];
  return rules.flatMap((rule) => {
    const match = String(asRecord(rule).message ?? '').match(REQUIRED_MESSAGE);
    return match ? [match[1]] : [];
  });
}

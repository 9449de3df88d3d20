import { z } from 'zod';

/** A JSON Schema object as produced by zod 4's `z.toJSONSchema`. */
export type JsonSchema = Record<string, unknown>;

/** The schema sent to the API, and whether the answer must be unwrapped from `{ value }`. */
export interface WireSchema {
  schema: JsonSchema;
  wrapped: boolean;
}

/**
 * Converts a zod schema to JSON Schema for a tool input or response format. Both APIs need an
 * object at the root, so any other root is wrapped as `{ value: ... }`.
 */
export function toWireSchema(schema: z.ZodType, options: { strict: boolean }): WireSchema {
  const converted = z.toJSONSchema(schema, { unrepresentable: 'any', target: 'draft-7' }) as JsonSchema;
  delete converted.$schema;
  const wrapped = converted.type !== 'object';
  const root = wrapped
    ? { type: 'object', properties: { value: converted }, required: ['value'] }
    : converted;
  return { schema: options.strict ? toStrictSchema(root) : root, wrapped };
}

const STRICT_UNSUPPORTED = [
  '$schema',
  'default',
  'examples',
  'propertyNames',
  'unevaluatedProperties',
  'contentEncoding',
  'contentMediaType',
];

/**
 * Makes a schema acceptable to OpenAI strict structured outputs
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas): every object
 * lists all properties as required and forbids extras; optional properties become nullable.
 */
export function toStrictSchema(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (STRICT_UNSUPPORTED.includes(key)) continue;
    result[key] = strictChild(key, value);
  }
  if (result.type === 'object' || (result.properties && typeof result.properties === 'object')) {
    const properties = (result.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, property] of Object.entries(properties)) {
      if (!required.has(name)) properties[name] = { anyOf: [property, { type: 'null' }] };
    }
    result.properties = properties;
    result.required = Object.keys(properties);
    result.additionalProperties = false;
  }
  return result;
}

function strictChild(key: string, value: unknown): unknown {
  if (key === 'properties' || key === 'definitions' || key === '$defs') {
    return Object.fromEntries(
      Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [
        name,
        toStrictSchema(child),
      ]),
    );
  }
  if (
    (key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'prefixItems') &&
    Array.isArray(value)
  ) {
    return value.map((child) => toStrictSchema(child as JsonSchema));
  }
  if ((key === 'items' || key === 'not') && value && typeof value === 'object' && !Array.isArray(value))
    return toStrictSchema(value as JsonSchema);
  if (key === 'additionalProperties' && value && typeof value === 'object')
    return toStrictSchema(value as JsonSchema);
  return value;
}

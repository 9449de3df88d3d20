import type { z } from 'zod';
import { didYouMean } from '../verify/did-you-mean.js';

/** One key in a constraint file that its schema does not know. */
export interface UnknownField {
  path: Array<string | number>;
  /** The closest known keys at the same place, best first. */
  suggestions: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface SchemaDefinition {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'catch', 'readonly', 'nonoptional']);

function definitionOf(schema: z.ZodType | undefined): SchemaDefinition | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 16; depth += 1) {
    const definition = (current as unknown as { _zod?: { def?: SchemaDefinition } })._zod?.def;
    if (!definition) return undefined;
    if (definition.type && WRAPPERS.has(definition.type)) current = definition.innerType;
    else if (definition.type === 'pipe') current = definition.in;
    else return definition;
  }
  return undefined;
}

/** The keys an object schema declares (for a union, every member's), or an empty list. */
function declaredKeys(schema: z.ZodType | undefined): string[] {
  const definition = definitionOf(schema);
  if (definition?.shape) return Object.keys(definition.shape);
  if (definition?.options) return definition.options.flatMap((option) => declaredKeys(option));
  return [];
}

function childSchema(schema: z.ZodType | undefined, key: string | number): z.ZodType | undefined {
  const definition = definitionOf(schema);
  if (!definition) return undefined;
  if (definition.shape && typeof key === 'string') return definition.shape[key];
  if (definition.element && typeof key === 'number') return definition.element;
  if (definition.valueType) return definition.valueType;
  if (definition.options) return definition.options.map((option) => childSchema(option, key)).find(Boolean);
  return undefined;
}

/**
 * Keys present in the raw front matter but dropped by the schema: almost always a typo
 * (`deletionProtecton`) that would otherwise silently weaken a rule. Each comes with the closest
 * keys the schema declares at that place (or, failing that, the keys the parsed value has).
 */
export function unknownFields(
  raw: unknown,
  parsed: unknown,
  schema: z.ZodType | undefined,
  path: Array<string | number> = [],
): UnknownField[] {
  if (isRecord(raw) && isRecord(parsed)) {
    return Object.keys(raw).flatMap((key) => {
      if (key in parsed)
        return unknownFields(raw[key], parsed[key], childSchema(schema, key), [...path, key]);
      const declared = declaredKeys(schema);
      const candidates = declared.length ? declared : Object.keys(parsed);
      return [{ path: [...path, key], suggestions: didYouMean(key, candidates, 1) }];
    });
  }
  if (Array.isArray(raw) && Array.isArray(parsed))
    return raw.flatMap((item, index) =>
      unknownFields(item, parsed[index], childSchema(schema, index), [...path, index]),
    );
  return [];
}

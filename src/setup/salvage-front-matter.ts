import type { z } from 'zod';
import { formatFieldPath } from '../constraints/load.js';
import { unknownFields } from '../constraints/strict-fields.js';

type Path = Array<PropertyKey>;
const MAX_ROUNDS = 50;

const isContainer = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  isContainer(value) && !Array.isArray(value);

function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (!isContainer(current)) return undefined;
    current = current[key];
  }
  return current;
}

function hasIn(value: unknown, path: Path): boolean {
  const parent = getIn(value, path.slice(0, -1));
  return isContainer(parent) && (path.at(-1) as PropertyKey) in parent;
}

function setIn(value: unknown, path: Path, next: unknown): void {
  const parent = getIn(value, path.slice(0, -1));
  if (isContainer(parent)) parent[path.at(-1) as PropertyKey] = next;
}

function deleteIn(value: unknown, path: Path): void {
  const parent = getIn(value, path.slice(0, -1));
  const key = path.at(-1) as PropertyKey;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (isContainer(parent)) delete parent[key];
}

/** The template's value overlaid with the file's: maps merge key by key, anything else is the file's. */
function overlay(template: unknown, file: unknown): unknown {
  if (!isRecord(template) || !isRecord(file)) return structuredClone(file);
  const merged: Record<string, unknown> = structuredClone(template);
  for (const [key, value] of Object.entries(file)) merged[key] = overlay(template[key], value);
  return merged;
}

/** What salvage kept, and what it had to change. */
export interface Salvaged<T> {
  /** The front matter to write: the file's values, with the broken ones repaired. */
  data: Record<string, unknown>;
  value: T;
  /** One line per change, e.g. `region: dropped (expected an AWS region), the template's value is used`. */
  changes: string[];
}

/**
 * Repairs a constraint file's front matter that parses as YAML but fails its schema, keeping every
 * value that still parses: a misspelt key is renamed to the key it was meant to be, an invalid value
 * is replaced by the template's (or dropped when the template has none), and the rest is kept as is.
 * Undefined when nothing can be kept (no front matter map) or the repair does not converge.
 */
export function salvageFrontMatter<S extends z.ZodType>(
  raw: unknown,
  template: Record<string, unknown>,
  schema: S,
): Salvaged<z.infer<S>> | undefined {
  if (!isRecord(raw)) return undefined;
  const data = overlay(template, raw) as Record<string, unknown>;
  const changes: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = schema.safeParse(data);
    if (result.success) {
      const unknown = unknownFields(data, result.data, schema);
      if (unknown.length === 0) return { data, value: result.data, changes };
      for (const field of unknown) {
        const value = getIn(data, field.path);
        const suggestion = field.suggestions[0];
        const renamed = suggestion ? [...field.path.slice(0, -1), suggestion] : undefined;
        deleteIn(data, field.path);
        if (renamed && !hasIn(raw, renamed)) {
          setIn(data, renamed, value);
          changes.push(`${formatFieldPath(field.path)}: unknown field, renamed to ${suggestion}`);
        } else changes.push(`${formatFieldPath(field.path)}: unknown field, removed`);
      }
      continue;
    }
    const issue = result.error.issues[0];
    if (!issue) return undefined;
    const path = issue.path as Path;
    const fromTemplate = getIn(template, path);
    if (fromTemplate !== undefined && !isContainer(getIn(data, path)) && hasIn(template, path)) {
      if (getIn(data, path) === fromTemplate) return undefined;
      setIn(data, path, structuredClone(fromTemplate));
      changes.push(`${formatFieldPath(path)}: ${issue.message}; the template's value is used`);
    } else if (path.length > 0 && hasIn(data, path)) {
      deleteIn(data, path);
      changes.push(`${formatFieldPath(path)}: ${issue.message}; removed`);
    } else return undefined;
  }
  return undefined;
}

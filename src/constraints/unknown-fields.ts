import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitFrontMatter } from './front-matter.js';
import { CONSTRAINTS_DIR, constraintPath, formatFieldPath } from './load.js';
import { CONSTRAINT_FILES, CodingStyleSchema, ContextSchema, TaggingSchema } from './schema.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Paths present in the raw YAML but dropped by the schema: almost always a typo
 * (`pointInTimeRecover`) that would otherwise be silently ignored.
 */
export function droppedFields(raw: unknown, parsed: unknown, path: Array<string | number> = []): string[] {
  if (isRecord(raw) && isRecord(parsed)) {
    return Object.keys(raw).flatMap((key) =>
      key in parsed
        ? droppedFields(raw[key], parsed[key], [...path, key])
        : [formatFieldPath([...path, key])],
    );
  }
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, index) => droppedFields(item, parsed[index], [...path, index]));
  }
  return [];
}

/** Every unknown field in the three constraint files, as `file: field.path: unknown field (ignored)`. */
export async function findUnknownFields(projectRoot: string): Promise<string[]> {
  const files = [
    [CONSTRAINT_FILES.context, ContextSchema],
    [CONSTRAINT_FILES.codingStyle, CodingStyleSchema],
    [CONSTRAINT_FILES.tagging, TaggingSchema],
  ] as const;
  const found = await Promise.all(
    files.map(async ([file, schema]) => {
      const text = await readFile(join(projectRoot, CONSTRAINTS_DIR, file), 'utf8').catch(() => undefined);
      if (text === undefined) return [];
      const { data } = splitFrontMatter(text);
      const parsed = schema.safeParse(data);
      if (!parsed.success) return [];
      return droppedFields(data, parsed.data).map(
        (path) => `${constraintPath(file)}: ${path}: unknown field (ignored)`,
      );
    }),
  );
  return found.flat();
}

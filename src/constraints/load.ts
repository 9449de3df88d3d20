import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { CONSTRAINTS_DIR } from './constraints-dir.js';
import { PathEscapeError, resolveReadable } from '../fs/confine.js';
import { splitFrontMatter } from './front-matter.js';
import { unknownFields } from './strict-fields.js';
import {
  CONSTRAINT_FILES,
  CodingStyleSchema,
  ContextSchema,
  TaggingSchema,
  type CodingStyle,
  type Context,
  type Tagging,
} from './schema.js';

/** The project's constraints: parsed front matter plus the markdown sent to personas. */
export interface Constraints {
  context: Context;
  codingStyle: CodingStyle;
  tagging: Tagging;
  /** Each file's full text, byte for byte, for the personas' stable prefix. */
  documents: { context: string; codingStyle: string; tagging: string };
}

/** The result of checking one file: its value, or every problem found in it. */
export type FileCheck<T> = { ok: true; value: T; text: string } | { ok: false; problems: string[] };

export { CONSTRAINTS_DIR };

/** Path of a constraint file relative to the project root, as shown in messages. */
export const constraintPath = (file: string): string => `${CONSTRAINTS_DIR}/${file}`;

/** Formats a zod issue path like `environments[1].name`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(front matter)';
}

/** Parses and validates one constraint file, collecting every problem rather than the first. */
export async function checkConstraintFile<S extends z.ZodType>(
  projectRoot: string,
  file: string,
  schema: S,
): Promise<FileCheck<z.infer<S>>> {
  const shown = constraintPath(file);
  let text: string;
  try {
    // Through the confinement rule: a context.md linked to a file outside the project is not read.
    text = await readFile(
      await resolveReadable(projectRoot, join(CONSTRAINTS_DIR, file), { allowInfrakitFolder: true }),
      'utf8',
    );
  } catch (error) {
    if (error instanceof PathEscapeError) return { ok: false, problems: [`${shown}: ${error.message}`] };
    return {
      ok: false,
      problems: [`${shown}: the file is missing (run "infrakit init" or "infrakit setup")`],
    };
  }
  const parsed = splitFrontMatter(text);
  if (parsed.syntaxErrors.length) {
    return {
      ok: false,
      problems: parsed.syntaxErrors.map((message) => `${shown}: YAML front matter: ${message}`),
    };
  }
  if (parsed.data === undefined) {
    return {
      ok: false,
      problems: [`${shown}: expected YAML front matter between "---" lines at the top of the file`],
    };
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map(
        (issue) => `${shown}: ${formatFieldPath(issue.path)}: ${issue.message}`,
      ),
    };
  }
  const unknown = unknownFields(parsed.data, result.data, schema);
  if (unknown.length) {
    return {
      ok: false,
      problems: unknown.map(
        (field) =>
          `${shown}: ${formatFieldPath(field.path)}: unknown field${field.suggestions[0] ? `; did you mean "${field.suggestions[0]}"?` : ' (remove it, or see docs/configuration.md for the fields this file takes)'}`,
      ),
    };
  }
  return { ok: true, value: result.data, text };
}

/** Checks all three files; never throws for content problems. */
export async function checkConstraints(
  projectRoot: string,
): Promise<{ constraints?: Constraints; problems: string[] }> {
  const [context, codingStyle, tagging] = await Promise.all([
    checkConstraintFile(projectRoot, CONSTRAINT_FILES.context, ContextSchema),
    checkConstraintFile(projectRoot, CONSTRAINT_FILES.codingStyle, CodingStyleSchema),
    checkConstraintFile(projectRoot, CONSTRAINT_FILES.tagging, TaggingSchema),
  ]);
  const problems = [context, codingStyle, tagging].flatMap((check) => (check.ok ? [] : check.problems));
  if (!context.ok || !codingStyle.ok || !tagging.ok) return { problems };
  return {
    problems,
    constraints: {
      context: context.value,
      codingStyle: codingStyle.value,
      tagging: tagging.value,
      documents: { context: context.text, codingStyle: codingStyle.text, tagging: tagging.text },
    },
  };
}

/** Loads the constraints or throws a ConfigError (exit 3) listing every problem. */
export async function loadConstraints(projectRoot: string): Promise<Constraints> {
  const { constraints, problems } = await checkConstraints(projectRoot);
  if (!constraints) {
    throw new ConfigError(`the project's constraints are invalid:\n  ${problems.join('\n  ')}`, problems, {
      hint: 'Fix the fields named above, or run "infrakit setup" to rewrite the files.',
    });
  }
  return constraints;
}

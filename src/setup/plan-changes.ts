import type { z } from 'zod';
import { formatFieldPath } from '../constraints/load.js';
import { CodingStyleSchema, ContextSchema, TaggingSchema } from '../constraints/schema.js';
import { ConfigError } from '../errors/index.js';
import type { CodingStyleAnswers, SetupAnswers } from './answers-schema.js';
import { applyCodingStyleAnswers } from './apply-coding-style.js';
import { applyContextAnswers } from './apply-context.js';
import { rewriteFrontMatter } from './rewrite-front-matter.js';
import type { BaseFile, SetupBase } from './setup-base.js';

/** A file setup would rewrite. `before` is what is on disk now ('' when missing). */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** The files `infrakit setup` changes (context.md and tagging-standard.md); unchanged files are left out. */
export function planContextChanges(
  base: SetupBase,
  answers: SetupAnswers,
  answersLabel: string,
): FileChange[] {
  const next = applyContextAnswers(
    { context: base.context.value, tagging: base.tagging.value },
    answers,
    base.iac,
  );
  return [
    change(base.context, validated(ContextSchema, next.context, answersLabel, base.context.path)),
    change(base.tagging, validated(TaggingSchema, next.tagging, answersLabel, base.tagging.path)),
  ].filter((entry): entry is FileChange => entry !== undefined);
}

/** The coding-style.md change `infrakit setup-coding-style` makes, if any. */
export function planCodingStyleChanges(
  base: SetupBase,
  answers: CodingStyleAnswers,
  answersLabel: string,
): FileChange[] {
  const next = applyCodingStyleAnswers(base.codingStyle.value, answers);
  const entry = change(
    base.codingStyle,
    validated(CodingStyleSchema, next, answersLabel, base.codingStyle.path),
  );
  return entry ? [entry] : [];
}

function validated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  answersLabel: string,
  path: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${answersLabel}: ${formatFieldPath(issue.path)}: ${issue.message}`,
  );
  throw new ConfigError(`the answers would make ${path} invalid:\n  ${problems.join('\n  ')}`, problems, {
    hint: 'Change the answers named above and run setup again.',
  });
}

function change<T>(file: BaseFile<T>, next: T): FileChange | undefined {
  const after = rewriteFrontMatter(file.text, file.value, next as Record<string, unknown>);
  return after === file.before ? undefined : { path: file.path, before: file.before, after };
}

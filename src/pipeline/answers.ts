import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { aliasLimitProblemInText } from '../iac/yaml/alias-limits.js';
import type { Question } from '../../machines/relay-types.js';
import { UsageError } from '../errors/index.js';
import { printable } from '../util/printable.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
/** An answers file: a list (answers in order) or a map (answers by question key). */
export const AnswersFileSchema = z.union([z.array(Scalar), z.record(z.string(), Scalar)]);
export type AnswersFile = z.infer<typeof AnswersFileSchema>;

/** Reads and validates `--answers <file>` (YAML or JSON); errors name the flag and the file. */
export async function loadAnswersFile(path: string): Promise<AnswersFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--answers ${path}: the file cannot be read`, {
      hint: 'Pass a YAML file: a list of answers in order, or a map from question key to answer.',
    });
  }
  const aliasProblem = aliasLimitProblemInText(text);
  if (aliasProblem) throw new UsageError(`--answers ${path}: refused: ${aliasProblem}`);
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UsageError(
      `--answers ${path}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  const result = AnswersFileSchema.safeParse(data ?? []);
  if (!result.success) {
    throw new UsageError(
      `--answers ${path}: expected a list of answers or a map from question key to answer`,
      {
        hint: 'Example:\n  replication: "3"\n  encryption: customer-managed',
      },
    );
  }
  if (Array.isArray(result.data)) return result.data;
  // A map is kept without a prototype and read from the file's own keys (zod drops `__proto__`):
  // keys such as `constructor` or `__proto__` are plain question keys.
  const answers = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(data as Record<string, unknown>))
    answers[key] = Scalar.parse(value);
  return answers;
}

/** Looks up the answer for question `number` (1-based): by position in a list, by key in a map. */
export function answerFromFile(
  answers: AnswersFile,
  path: string,
  question: Question,
  number: number,
): string {
  const found = Array.isArray(answers)
    ? answers[number - 1]
    : Object.hasOwn(answers, question.key)
      ? answers[question.key]
      : undefined;
  if (found === undefined) {
    const where = Array.isArray(answers) ? `item ${number}` : `key "${printable(question.key)}"`;
    throw new UsageError(
      `--answers ${path} has no answer for question ${number} (${where}): ${printable(question.text)}`,
      {
        hint: `Add ${where}${question.options.length ? ` (options: ${question.options.join(', ')})` : ''} and run "infrakit resume <track> --answers ${path}".`,
      },
    );
  }
  return found;
}

import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { aliasLimitProblem } from '../iac/yaml/alias-limits.js';
import type { z } from 'zod';
import { formatFieldPath } from '../constraints/load.js';
import { ConfigError, UsageError } from '../errors/index.js';

/** Reads and validates an answers file; every problem names the file and the key. */
export async function readAnswersFile<S extends z.ZodType>(
  path: string,
  shown: string,
  schema: S,
): Promise<z.infer<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--answers ${shown}: the file cannot be read`, {
      hint: 'Give the path of a YAML file with the answers.',
    });
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length) {
    const problems = document.errors.map(
      (error) => `${shown}: line ${lineCounter.linePos(error.pos[0]).line}: ${error.message.split('\n')[0]}`,
    );
    throw new ConfigError(`${shown} is not valid YAML:\n  ${problems.join('\n  ')}`, problems);
  }
  const aliasProblem = aliasLimitProblem(document);
  if (aliasProblem)
    throw new ConfigError(`${shown}: refused: ${aliasProblem}`, [`${shown}: ${aliasProblem}`]);
  const result = schema.safeParse(document.toJS() ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      issue.path.length
        ? `${shown}: ${formatFieldPath(issue.path)}: ${unknownKeys(issue)}`
        : `${shown}: ${unknownKeys(issue)}`,
    );
    throw new ConfigError(`${shown} has invalid answers:\n  ${problems.join('\n  ')}`, problems, {
      hint: 'See docs/commands/setup.md for the keys an answers file may hold.',
    });
  }
  return result.data;
}

function unknownKeys(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  return issue.message;
}

import { z } from 'zod';
import { UsageError } from '../../errors/index.js';
import { resolveProjectPath } from '../project-path.js';

/** Input shared by verify and review: a path inside the project, or inline text with a file name. */
export const sourceInputShape = {
  path: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A file or folder inside the project, relative to its root (absolute paths must be inside it).',
    ),
  text: z.string().max(2_000_000).optional().describe('Inline file content to check instead of a path.'),
  fileName: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe(
      'With text: the file name it would have, e.g. composition.yaml or main.tf; it decides how the text is parsed.',
    ),
};

/** A checked source: files inside the project, or text under a name. */
export type Source =
  | { kind: 'paths'; paths: string[]; shown: string }
  | { kind: 'text'; text: string; fileName: string; shown: string };

/** Turns the raw input into a Source, with a usage error naming the argument when it is incomplete. */
export async function sourceFromInput(
  input: { path?: string; text?: string; fileName?: string },
  projectRoot: string,
): Promise<Source> {
  if (input.path !== undefined && input.text !== undefined) {
    throw new UsageError('give either "path" or "text" (with "fileName"), not both');
  }
  if (input.path !== undefined) {
    const path = await resolveProjectPath(projectRoot, input.path);
    return { kind: 'paths', paths: [path], shown: path };
  }
  if (input.text !== undefined) {
    if (input.fileName === undefined) {
      throw new UsageError('"fileName" is required with "text"', {
        hint: 'Name the file the text would live in, e.g. "composition.yaml", "main.tf" or "template.yaml".',
      });
    }
    if (input.fileName.includes('\0')) throw new UsageError('"fileName" contains a NUL byte');
    return { kind: 'text', text: input.text, fileName: input.fileName, shown: input.fileName };
  }
  throw new UsageError(
    'nothing to check: give "path" (a file or folder in the project) or "text" with "fileName"',
  );
}

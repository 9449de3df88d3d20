import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors/index.js';
import { isWithin } from '../fs/confine.js';
import { reservedReason } from '../fs/reserved-names.js';

/**
 * Resolves a path an agent gave (relative to the project root, or absolute) to a path relative to the
 * root, refusing anything that is, or links to, a place outside the project.
 */
export async function resolveProjectPath(
  projectRoot: string,
  requested: string,
  argument = 'path',
): Promise<string> {
  if (requested.includes('\0')) throw new UsageError(`${argument}: the path contains a NUL byte`);
  const candidate = resolve(projectRoot, requested);
  if (!isWithin(projectRoot, candidate)) throw outside(requested, projectRoot, argument);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new UsageError(`${argument}: "${requested}" does not exist in the project (${projectRoot})`, {
      hint: 'Give a path relative to the project root, e.g. compositions/bucket/composition.yaml.',
    });
  }
  if (!isWithin(projectRoot, real)) throw outside(requested, projectRoot, argument);
  const reserved = reservedReason(relative(projectRoot, real).split(sep).filter(Boolean), true);
  if (reserved)
    throw new UsageError(`${argument}: "${requested}" is refused: ${reserved}`, {
      hint: 'Give a file or folder of infrastructure code inside the project, e.g. compositions/bucket.',
    });
  return relative(projectRoot, real) || '.';
}

function outside(requested: string, projectRoot: string, argument: string): UsageError {
  return new UsageError(`${argument}: "${requested}" is outside the project (${projectRoot})`, {
    hint: `${isAbsolute(requested) ? 'Absolute paths must point inside the project. ' : ''}Only files inside the project can be checked.`,
  });
}

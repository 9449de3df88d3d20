import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CONSTRAINTS_DIR } from '../constraints/constraints-dir.js';
import { ConfigError } from '../errors/index.js';

/** The nearest folder at or above `start` that holds `.infrakit/`, or undefined. */
export async function findProjectRoot(start: string): Promise<string | undefined> {
  let directory = resolve(start);
  for (;;) {
    const isProject = await stat(join(directory, CONSTRAINTS_DIR)).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (isProject) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** The project root at or above `start`; a ConfigError (exit 3) naming the fix when there is none. */
export async function requireProjectRoot(start: string): Promise<string> {
  const root = await findProjectRoot(start);
  if (!root) {
    throw new ConfigError(`no .infrakit/ folder in ${start} or above`, [], {
      hint: 'Run "infrakit init" first.',
    });
  }
  return root;
}

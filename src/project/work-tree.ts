import { realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import { gitWithoutKeys } from '../git/git-environment.js';

/** True when `directory` is inside any git work tree (not only at its root). Git runs without model keys. */
export async function isInsideWorkTree(directory: string): Promise<boolean> {
  return gitWithoutKeys(directory)
    .then((git) => git.checkIsRepo())
    .catch(() => false);
}

/**
 * The top folder of the git work tree that contains `directory` when that is some folder above it
 * (a parent repository), else undefined: not in a work tree, or at the top of its own. The nearest
 * existing folder at or above `directory` is asked, so a path not created yet works too.
 */
export async function parentWorkTree(directory: string): Promise<string | undefined> {
  const existing = await nearestExisting(directory);
  if (!existing) return undefined;
  const topLevel = await gitWithoutKeys(existing)
    .then((git) => git.revparse(['--show-toplevel']))
    .then(
      (output) => output.trim(),
      () => undefined,
    );
  if (!topLevel) return undefined;
  const [top, here] = await Promise.all([realpath(topLevel), realpath(existing)]);
  return top === here && existing === directory ? undefined : top;
}

async function nearestExisting(directory: string): Promise<string | undefined> {
  let current = directory;
  for (;;) {
    const found = await realpath(current).then(
      () => true,
      () => false,
    );
    if (found) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

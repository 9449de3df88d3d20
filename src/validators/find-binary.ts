import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The absolute path of the first of `names` found as an executable file in `directories`, in order. */
export async function findBinary(
  names: readonly string[],
  directories: readonly string[],
): Promise<string | undefined> {
  for (const directory of directories) {
    for (const name of names) {
      const candidate = join(directory, name);
      try {
        await access(candidate, constants.X_OK);
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        // not here: keep looking
      }
    }
  }
  return undefined;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The installed package's root (where package.json, personas/ and templates/ live), from src or dist. */
export function packageRoot(): string {
  if (cached) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'personas'))) {
      cached = directory;
      return directory;
    }
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error('infrakit: cannot find the package root (package.json + personas/)');
    directory = parent;
  }
}

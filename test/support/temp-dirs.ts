import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const registered = new Set<string>();

/** A fresh temporary folder under os.tmpdir(), removed after the test file (see temp-cleanup.setup.ts). */
export function registeredTempDir(prefix = 'infrakit-test-'): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  registered.add(directory);
  return directory;
}

/** Registers a folder a test created some other way, so that it is removed after the test file. */
export function removeAfterFile(directory: string): string {
  registered.add(directory);
  return directory;
}

/** Removes every registered folder; returns how many were removed. */
export function removeRegisteredTempDirs(): number {
  const count = registered.size;
  for (const directory of registered) rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
  registered.clear();
  return count;
}

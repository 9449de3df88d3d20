import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const ATOMIC_TEMPORARY = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes temporary files an interrupted atomic write left in a track folder. Call only while
 * holding the track lock: then no other process is writing there. Returns the removed names.
 */
export async function removeInterruptedWrites(trackDirectory: string): Promise<string[]> {
  const names = (await readdir(trackDirectory).catch(() => [] as string[])).filter((name) =>
    ATOMIC_TEMPORARY.test(name),
  );
  await Promise.all(names.map((name) => rm(join(trackDirectory, name), { force: true })));
  return names;
}

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BlockedError } from '../../src/errors/index.js';
import { acquireTrackLock, LOCK_FILE } from '../../src/tracks/lock.js';

// Every file handle writes slowly: a lock created empty and filled afterwards (open O_EXCL, then
// write) is seen empty by a second process in between, which takes it over as unreadable.
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...original,
    open: async (...args: Parameters<typeof original.open>) => {
      const handle = await original.open(...args);
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = (async (...written: Parameters<typeof writeFile>) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return writeFile(...written);
      }) as typeof handle.writeFile;
      return handle;
    },
  };
});

describe('track lock, content written slowly', () => {
  it('a second holder never gets in while the first one is still writing its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ik-lock-slow-'));
    const alive = () => true;
    const first = acquireTrackLock(dir, 't', 42001, alive);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(acquireTrackLock(dir, 't', 42002, alive)).rejects.toBeInstanceOf(BlockedError);
    await first;
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });
});

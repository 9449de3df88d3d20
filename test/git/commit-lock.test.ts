import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMIT_LOCK_FILE, withCommitLock } from '../../src/git/commit-lock.js';

let gitDirectory: string;

beforeEach(() => {
  gitDirectory = mkdtempSync(join(tmpdir(), 'infrakit-commit-lock-'));
});

afterEach(() => rmSync(gitDirectory, { recursive: true, force: true }));

describe('withCommitLock within one process', () => {
  it('runs concurrent commits of the same process one after the other, in the order asked', async () => {
    const events: string[] = [];
    const commit = (name: string, holdMs: number) =>
      withCommitLock(gitDirectory, async () => {
        events.push(`${name} start`);
        expect(existsSync(join(gitDirectory, COMMIT_LOCK_FILE))).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        events.push(`${name} end`);
        return name;
      });
    // The lock file names this process: without the in-process queue, the second and third
    // commits would take it over as a dead holder's and run inside the first one.
    const results = await Promise.all([commit('a', 60), commit('b', 10), commit('c', 0)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(existsSync(join(gitDirectory, COMMIT_LOCK_FILE))).toBe(false);
  });

  it('lets the next commit run after one that failed', async () => {
    const failed = withCommitLock(gitDirectory, async () => {
      throw new Error('disk full');
    });
    const next = withCommitLock(gitDirectory, async () => 'next');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('next');
  });
});

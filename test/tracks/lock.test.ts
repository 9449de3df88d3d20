import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockedError } from '../../src/errors/index.js';
import { acquireTrackLock, LOCK_FILE } from '../../src/tracks/lock.js';
import { cliMissing, runCli } from '../pipeline/cli-runner.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';
import { fakeDeps } from '../pipeline/fake-deps.js';
import { reviewer, solutionsEngineer } from '../pipeline/scripts.js';
import { startRelay } from '../../src/pipeline/operations.js';

describe('track lock', () => {
  it('refuses a second holder whose pid is alive, naming track and pid', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'infrakit-lock-'));
    const first = await acquireTrackLock(directory, 'db-1', 111, () => true);
    const second = acquireTrackLock(directory, 'db-1', 222, () => true);
    await expect(second).rejects.toThrow('track db-1 is in use by pid 111');
    await expect(second).rejects.toBeInstanceOf(BlockedError);
    await first.release();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a dead process', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'infrakit-lock-'));
    writeFileSync(join(directory, LOCK_FILE), JSON.stringify({ pid: 999_999 }));
    const lock = await acquireTrackLock(directory, 'db-1', 333, (pid) => pid !== 999_999);
    expect(JSON.parse(readFileSync(join(directory, LOCK_FILE), 'utf8')).pid).toBe(333);
    await lock.release();
  });

  it('two holders racing for one lock: exactly one gets it, never both (the lock is never seen empty)', async () => {
    for (let round = 0; round < 30; round += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'ik-lock-race-'));
      const alive = () => true;
      const outcomes = await Promise.allSettled([
        acquireTrackLock(dir, 't', 41001, alive),
        acquireTrackLock(dir, 't', 41002, alive),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(BlockedError);
      const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid;
      expect([41001, 41002]).toContain(holder);
      expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    }
  });

  it('release leaves a lock that another process took over', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'infrakit-lock-'));
    const lock = await acquireTrackLock(directory, 'db-1', 444, () => false);
    writeFileSync(join(directory, LOCK_FILE), JSON.stringify({ pid: 555 }));
    await lock.release();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(true);
  });
});

describe.skipIf(Boolean(cliMissing))('a second process on a locked track', () => {
  it('gets a clear refusal (exit 5) while the holder lives; a dead holder is taken over', async () => {
    const root = createFixtureProject();
    const script = {
      'solutions-engineer': solutionsEngineer(0),
      architect: reviewer('APPROVE', 'A'),
      'security-engineer': reviewer('APPROVE', 'S'),
    };
    const { track } = await startRelay(
      fakeDeps(root, { script }).deps,
      { name: 'db', tool: 'crossplane', request: 'a db' },
      { maxQuestions: 1, maxRevisions: 1 },
    );
    const trackDir = join(root, '.infrakit/tracks', track);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    writeFileSync(join(trackDir, LOCK_FILE), JSON.stringify({ pid: holder.pid }));
    const refused = await runCli(root, ['plan', track], 'http://127.0.0.1:9');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain(`track ${track} is in use by pid ${holder.pid}`);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('close', resolve));
    const lock = await acquireTrackLock(trackDir, track, process.pid);
    expect(JSON.parse(readFileSync(join(trackDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });
});

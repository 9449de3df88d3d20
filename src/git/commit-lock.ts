import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockedError } from '../errors/index.js';

/** The repository-wide commit lock, inside the git folder (never committed, never in the work tree). */
export const COMMIT_LOCK_FILE = 'infrakit-commit.lock';

/** How long a commit waits for another infrakit process's commit in the same repository. */
const WAIT_MS = 120_000;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** True when `pid` is a live process other than init (signal 0; EPERM means alive but not ours). */
export function isLiveOtherProcess(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : undefined;
  } catch {
    return undefined;
  }
}

/** Removes git's index.lock when it was created during the dead holder's commit (not before it). */
async function removeIndexLockOfDeadCommit(gitDirectory: string, lockedAt: number): Promise<void> {
  const indexLock = join(gitDirectory, 'index.lock');
  const created = (await stat(indexLock).catch(() => undefined))?.mtimeMs;
  if (created !== undefined && created >= lockedAt - 1_000) await rm(indexLock, { force: true });
}

/**
 * Runs `work` holding `<git dir>/infrakit-commit.lock`, so concurrent tracks in one repository
 * commit one after the other instead of failing on git's `index.lock`. A lock whose holder died
 * (a kill mid-commit) is taken over, together with the `index.lock` that holder's git left.
 * Returns what `work` returns; the lock is always removed.
 */
export async function withCommitLock<T>(gitDirectory: string, work: () => Promise<T>): Promise<T> {
  // Commits of this process queue here first: the lock file names the process, not the commit, so
  // a second commit of the same process would otherwise take it over as its own.
  const before = queued.get(gitDirectory) ?? Promise.resolve();
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  const mine = before.then(() => done);
  queued.set(gitDirectory, mine);
  await before;
  try {
    return await withLockFile(gitDirectory, work);
  } finally {
    release();
    if (queued.get(gitDirectory) === mine) queued.delete(gitDirectory);
  }
}

/** The tail of this process's queue of commits, per git folder. */
const queued = new Map<string, Promise<void>>();

async function withLockFile<T>(gitDirectory: string, work: () => Promise<T>): Promise<T> {
  const path = join(gitDirectory, COMMIT_LOCK_FILE);
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle
        .writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }))
        .finally(() => handle.close())
        .catch(async (error: unknown) => {
          await rm(path, { force: true });
          throw error;
        });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw error;
      const holder = await holderOf(path);
      const lockedAt = (await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now();
      const age = Date.now() - lockedAt;
      // An unreadable lock is being written right now, unless it is old: then its writer died.
      const alive = holder === undefined ? age < 5_000 : holder !== process.pid && isLiveOtherProcess(holder);
      if (!alive) {
        await rm(path, { force: true });
        // The dead holder's git may have left its index lock: no other infrakit commit can own it.
        if (holder !== undefined) await removeIndexLockOfDeadCommit(gitDirectory, lockedAt);
        continue;
      }
      if (Date.now() > deadline)
        throw new BlockedError(
          `another infrakit process (pid ${holder ?? 'unknown'}) has been committing in this repository for over ${WAIT_MS / 1000} s`,
          { hint: `Wait for it to finish, or remove ${path} if no infrakit process is running.` },
        );
      await sleep(Math.min(25 * 2 ** Math.min(attempt, 5), 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

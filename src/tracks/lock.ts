import { randomBytes } from 'node:crypto';
import { link, open, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BlockedError } from '../errors/index.js';

/** The lock file inside a track folder (never committed). */
export const LOCK_FILE = '.lock';

/** A held track lock; release() removes it (only when it is still ours). */
export interface TrackLock {
  release(): Promise<void>;
}

/** The process probe, injectable for tests: true when `pid` is a live process. */
export type IsAlive = (pid: number) => boolean;

/**
 * Default probe: signal 0 checks existence; EPERM means alive but not ours. Only a real process
 * id counts: 0, 1 and negative ids name process groups or init (`kill 0` would signal our own
 * group), so a forged lock holding one of them is not alive.
 */
export const processIsAlive: IsAlive = (pid) => {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Creates `path` holding `content`, or fails with EEXIST when it exists: the content is written to a
 * temporary file first and hard-linked into place, so no other process ever reads the lock empty
 * (an empty lock reads as unreadable, which is taken over: two processes would both hold it). On a
 * file system without hard links, O_EXCL then write, as before. A lock that cannot be written (disk
 * full) is never left behind, empty or whole.
 */
async function createWithContent(path: string, content: string): Promise<void> {
  // `.<name>.<pid>.<8 hex>.tmp`: the name removeStaleTemporaryFiles clears after a crash.
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  await writeFile(temporary, content, { flag: 'wx', mode: 0o644 }).catch(async (error: unknown) => {
    await rm(temporary, { force: true });
    throw error;
  });
  try {
    await link(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    const handle = await open(path, 'wx', 0o644);
    await handle
      .writeFile(content)
      .finally(() => handle.close())
      .catch(async (failure: unknown) => {
        await rm(path, { force: true });
        throw failure;
      });
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Locks a track for this process: creates `<track>/.lock` holding our pid, atomically. A lock left
 * by a dead process is taken over; a live one is refused with a BlockedError (exit 5).
 */
export async function acquireTrackLock(
  trackDirectory: string,
  track: string,
  pid = process.pid,
  isAlive: IsAlive = processIsAlive,
): Promise<TrackLock> {
  const path = join(trackDirectory, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await createWithContent(path, JSON.stringify({ pid, since: new Date().toISOString() }));
      return {
        async release() {
          const holder = await readHolder(path);
          if (holder === pid) await rm(path, { force: true });
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new BlockedError(`cannot lock track ${track}: ${trackDirectory} is not writable (${code})`, {
          hint: `Make the folder writable for this user (e.g. chmod u+w "${trackDirectory}" or fix its owner), then run the command again.`,
        });
      }
      if (code !== 'EEXIST') throw error;
      const holder = await readHolder(path);
      if (
        holder !== undefined &&
        Number.isInteger(holder) &&
        holder > 1 &&
        holder !== pid &&
        isAlive(holder)
      ) {
        throw new BlockedError(`track ${track} is in use by pid ${holder}`, {
          hint: `Wait for that process to finish, or stop it (kill ${holder}) and run the command again.`,
        });
      }
      // Stale (dead pid, our own pid, a pid that is no real process, or unreadable): take it over.
      await rm(path, { force: true });
    }
  }
  throw new BlockedError(`track ${track} is locked and the lock could not be taken over`, {
    hint: `Remove ${path} if no infrakit process is running.`,
  });
}

async function readHolder(path: string): Promise<number | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : undefined;
  } catch {
    return undefined;
  }
}

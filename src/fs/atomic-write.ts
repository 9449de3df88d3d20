import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BlockedError } from '../errors/index.js';
import { killPoint } from '../util/test-kill-point.js';

/**
 * Writes a file so that readers see either the old content or the new, never a torn file:
 * temp file in the same directory, fsync, rename, then fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  const temporary = join(
    directory,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await mkdir(directory, { recursive: true })
    .then(() => open(temporary, 'w', 0o644))
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EACCES' && error.code !== 'EPERM' && error.code !== 'EROFS') throw error;
      throw new BlockedError(`cannot write ${path}: ${directory} is not writable (${error.code})`, {
        hint: `Make ${directory} writable for this user (chmod u+w, or fix its owner), then run the command again.`,
      });
    });
  try {
    // Two writes, so the crash tests can kill the process with half the file on disk.
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const half = Math.floor(bytes.length / 2);
    await handle.writeFile(bytes.subarray(0, half));
    killPoint(`write-half:${basename(path)}`);
    await handle.writeFile(bytes.subarray(half));
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOSPC' && code !== 'EDQUOT') throw error;
    throw new BlockedError(`cannot write ${path}: the disk is full (${code}); nothing was changed`, {
      hint: 'Free some space on that disk, then run "infrakit resume <track>".',
      cause: error,
    });
  }
  await handle.close();
  killPoint(`before-rename:${basename(path)}`);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
  killPoint(`written:${basename(path)}`);
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic there.
  }
}

/** The temp-file name writeFileAtomic uses: `.<name>.<pid>.<8 hex>.tmp`. */
const TEMPORARY_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes temp files that a killed writer left behind under `directory` (recursively): only
 * those whose writer pid is no longer alive, so a running writer is never disturbed.
 * Returns the removed paths.
 */
export async function removeStaleTemporaryFiles(
  directory: string,
  isAlive: (pid: number) => boolean = processExists,
): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== '.git')
      removed.push(...(await removeStaleTemporaryFiles(path, isAlive)));
    const match = entry.isFile() ? TEMPORARY_NAME.exec(entry.name) : null;
    if (match && Number(match[1]) !== process.pid && !isAlive(Number(match[1]))) {
      await rm(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { constants } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BlockedError } from '../errors/index.js';
import { killPoint } from '../util/test-kill-point.js';

/** What writeFileAtomic checks before it writes. */
export interface AtomicWriteOptions {
  /**
   * Called with the real path of the folder the file is really written to, after that folder was
   * opened and pinned: throws to refuse the write. A link planted in a parent after the caller
   * checked the path is caught here, since the write goes through the pinned folder, not the path.
   */
  verifyFolder?: (realFolder: string) => void | Promise<void>;
}

/**
 * Writes a file so that readers see either the old content or the new, never a torn file:
 * temp file in the same directory, fsync, rename, then fsync the directory. The folder is opened
 * once and every later step goes through that handle (`/proc/self/fd/N` on Linux), so swapping a
 * parent folder for a symlink mid-write cannot redirect the file; the temporary file is created
 * with O_EXCL | O_NOFOLLOW, and the rename replaces a link at the final name, never follows it.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const directory = dirname(path);
  const name = basename(path);
  // node:crypto is loaded on the first write, not by every command that only reads (status, verify).
  const { randomBytes } = await import('node:crypto');
  const temporaryName = `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const folder = await mkdir(directory, { recursive: true })
    .then(() => openPinnedFolder(directory))
    .catch((error: NodeJS.ErrnoException) => refuseUnwritable(error, path, directory));
  try {
    await options.verifyFolder?.(folder.real);
    const temporary = join(folder.base, temporaryName);
    const handle = await open(temporary, NEW_FILE_FLAGS, 0o644).catch((error: NodeJS.ErrnoException) =>
      refuseUnwritable(error, path, directory),
    );
    try {
      // Two writes, so the crash tests can kill the process with half the file on disk.
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const half = Math.floor(bytes.length / 2);
      await handle.writeFile(bytes.subarray(0, half));
      killPoint(`write-half:${name}`);
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
    killPoint(`before-rename:${name}`);
    try {
      await rename(temporary, join(folder.base, name));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // Some filesystems refuse to fsync a directory; the rename is still atomic there.
    await folder.handle.sync().catch(() => undefined);
  } finally {
    await folder.handle.close().catch(() => undefined);
  }
  killPoint(`written:${name}`);
}

const NEW_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

interface PinnedFolder {
  handle: FileHandle;
  /** The path every write goes through: the handle's own `/proc/self/fd/N`, or the folder's path. */
  base: string;
  /** Where the opened folder really is. */
  real: string;
}

/**
 * Opens `directory` and learns where the opened folder really is from the handle itself. Where
 * `/proc/self/fd` is missing (not Linux), the real path of `directory` must be the same folder
 * (device and inode) as the one opened, and later steps use the path.
 */
async function openPinnedFolder(directory: string): Promise<PinnedFolder> {
  const handle = await open(directory, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const viaHandle = `/proc/self/fd/${handle.fd}`;
    const real = await realpath(viaHandle).catch(() => undefined);
    if (real !== undefined) return { handle, base: viaHandle, real };
    const byPath = await realpath(directory);
    const [opened, named] = await Promise.all([handle.stat(), stat(byPath)]);
    if (opened.dev !== named.dev || opened.ino !== named.ino)
      throw new BlockedError(
        `cannot write into ${directory}: the folder was replaced while it was being opened`,
        {
          hint: 'Something else is changing this folder; stop it, then run the command again.',
        },
      );
    return { handle, base: directory, real: byPath };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

function refuseUnwritable(error: NodeJS.ErrnoException, path: string, directory: string): never {
  if (error.code !== 'EACCES' && error.code !== 'EPERM' && error.code !== 'EROFS') throw error;
  throw new BlockedError(`cannot write ${path}: ${directory} is not writable (${error.code})`, {
    hint: `Make ${directory} writable for this user (chmod u+w, or fix its owner), then run the command again.`,
  });
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

import { BlockedError } from './index.js';

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS']);
const DENIED = new Set(['EACCES', 'EPERM']);

/**
 * A file-system error that the user's machine caused (disk full, read-only, permission denied)
 * as a BlockedError with the fix, instead of "a bug in infrakit"; undefined for anything else.
 */
export function systemErrorAsBlocked(error: unknown): BlockedError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return undefined;
  const path = (error as NodeJS.ErrnoException).path;
  const where = path ? ` (${path})` : '';
  const resume = 'then run "infrakit resume <track>": steps saved but not committed are committed then';
  if (FULL.has(code))
    return new BlockedError(`the disk is full${where}: ${code}`, {
      hint: `Free some space, ${resume}.`,
      cause: error,
    });
  if (READ_ONLY.has(code))
    return new BlockedError(`the file system is read-only${where}: ${code}`, {
      hint: `Remount it read-write, ${resume}.`,
      cause: error,
    });
  if (DENIED.has(code))
    return new BlockedError(`permission denied${where}: ${code}`, {
      hint: `Fix the owner or mode of that path for this user, ${resume}.`,
      cause: error,
    });
  return undefined;
}

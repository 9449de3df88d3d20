import { BlockedError } from '../errors/index.js';

/** What a failed git command's text says, as a clear error with the fix (never "a bug in infrakit"). */
export function commitFailure(error: unknown, root: string, interrupted: boolean): BlockedError {
  const text = error instanceof Error ? error.message : String(error);
  const firstLines = text.trim().split('\n').slice(0, 4).join('\n  ');
  const resume = 'then run "infrakit resume <track>": it commits the steps that were not committed';
  if (interrupted)
    return new BlockedError(
      'the commit was interrupted (Ctrl-C); nothing was committed and nothing is left staged',
      {
        hint: `Run "infrakit resume <track>": it commits the steps that were not committed.`,
        cause: error,
      },
    );
  if (/No space left on device|ENOSPC|Disk quota exceeded|EDQUOT/i.test(text))
    return new BlockedError(`the disk is full: git could not commit in ${root}`, {
      hint: `Free some space on the disk holding ${root}, ${resume}.`,
      cause: error,
    });
  if (/Read-only file system|EROFS/i.test(text))
    return new BlockedError(`${root}/.git is on a read-only file system: git could not commit`, {
      hint: `Make .git writable (remount it read-write), ${resume}.`,
      cause: error,
    });
  if (/Permission denied|EACCES|EPERM|insufficient permission/i.test(text))
    return new BlockedError(`${root}/.git is not writable for this user: git could not commit`, {
      hint: `Fix the owner or mode of .git (e.g. chown -R "$(id -u)" .git), ${resume}.`,
      cause: error,
    });
  if (/index\.lock/.test(text))
    return new BlockedError(`another git process holds ${root}/.git/index.lock`, {
      hint: `Wait for it to finish (or remove .git/index.lock if no git process is running), ${resume}.`,
      cause: error,
    });
  return new BlockedError(`git refused the commit:\n  ${firstLines}`, {
    hint: `Fix what git says, ${resume}.`,
    cause: error,
  });
}

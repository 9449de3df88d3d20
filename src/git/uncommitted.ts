import { simpleGit } from 'simple-git';
import { BlockedError } from '../errors/index.js';

/** Paths under `pathspec` (relative to root) whose working-tree content differs from HEAD, untracked included. */
export async function uncommittedPaths(root: string, pathspec: string): Promise<string[]> {
  const output = await simpleGit({ baseDir: root }).raw([
    'status',
    '--porcelain',
    '-z',
    '--untracked-files=all',
    '--',
    pathspec,
  ]);
  return output
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}

/**
 * Refuses to let generated code overwrite edits the user has not committed in the code folder:
 * nothing already there may be lost. Resuming a run interrupted while it wrote code skips this
 * check (the caller decides), because those uncommitted files are infrakit's own.
 */
export async function assertNoUncommittedCode(
  root: string,
  codeDirectory: string,
  track: string,
): Promise<void> {
  const changed = await uncommittedPaths(root, codeDirectory);
  if (changed.length === 0) return;
  const shown =
    changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  throw new BlockedError(
    `${codeDirectory}/ has changes that are not committed (${shown}); infrakit will not overwrite them`,
    {
      hint: `Commit them (git -C ${root} add ${codeDirectory} && git -C ${root} commit -m "..."), or stash them (git -C ${root} stash -u), then run the command for track ${track} again.`,
    },
  );
}

import { runGit } from './run-git.js';

/** Of `paths` (relative to root), those whose working-tree content differs from HEAD, untracked included. */
export async function uncommittedPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  // Porcelain paths are relative to the repository root; root may be a folder inside it.
  const [prefix, output] = await Promise.all([
    runGit(root, ['rev-parse', '--show-prefix']).then((text) => text.trim()),
    runGit(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths]),
  ]);
  return new Set(
    output
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3))
      .map((path) => (prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path)),
  );
}

import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { locateGit } from './git-binary.js';
import { gitEnvironment } from './run-git.js';

/**
 * simple-git over `baseDir` running the git locateGit finds (never one inside the folder), without
 * model keys in its environment (for the few questions outside a run; the step commits use runGit,
 * which does not wait after a command). The path was found by infrakit and is spawned without a
 * shell, so a space or other character simple-git would refuse in a binary name is allowed.
 */
export async function gitWithoutKeys(
  baseDir: string,
  options: Partial<SimpleGitOptions> = {},
): Promise<SimpleGit> {
  const binary = await locateGit(baseDir);
  return simpleGit({ ...options, baseDir, binary, unsafe: { allowUnsafeCustomBinary: true } }).env(
    gitEnvironment(baseDir),
  );
}

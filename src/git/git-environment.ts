import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { gitEnvironment } from './run-git.js';

/**
 * simple-git over `baseDir` whose git processes run without model keys in their environment (for
 * the few questions outside a run; the step commits use runGit, which does not wait after a command).
 */
export function gitWithoutKeys(baseDir: string, options: Partial<SimpleGitOptions> = {}): SimpleGit {
  return simpleGit({ ...options, baseDir }).env(gitEnvironment());
}

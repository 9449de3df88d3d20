import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { childEnvironment } from '../secrets/child-environment.js';

/**
 * Variables simple-git strips from an inherited environment (every `GIT_*`, and the editor, pager
 * and askpass programs) and refuses in an explicit `.env()`: left out, so git sees what it saw before.
 */
const GUARDED = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

/** simple-git over `baseDir` whose git processes run without model keys in their environment. */
export function gitWithoutKeys(baseDir: string, options: Partial<SimpleGitOptions> = {}): SimpleGit {
  const variables = Object.fromEntries(
    Object.entries(childEnvironment(process.env)).filter(([name]) => !GUARDED.test(name)),
  );
  return simpleGit({ ...options, baseDir }).env(variables);
}

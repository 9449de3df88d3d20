import type { Repo } from '../git/repo.js';

/**
 * The repository as a running step sees it while the commits of the steps before it may still be
 * in flight (they overlap the step's model call): every call first waits for those commits, so a
 * step never reads git (ignore rules, the log, HEAD's files) or commits before them.
 */
export function repoBehindCommits(repo: Repo, commits: () => Promise<unknown>): Repo {
  const after = <T>(work: () => Promise<T>): Promise<T> => commits().then(work);
  return {
    root: repo.root,
    isRepo: () => after(() => repo.isRepo()),
    init: () => after(() => repo.init()),
    commitPaths: (paths, message, options) => after(() => repo.commitPaths(paths, message, options)),
    commitProblem: (paths) => after(() => repo.commitProblem(paths)),
    readCommitted: (path) => after(() => repo.readCommitted(path)),
    log: (maxCount) => after(() => repo.log(maxCount)),
  };
}

import type { SimpleGit } from 'simple-git';
import { gitWithoutKeys } from './git-environment.js';

/** The author used for commits infrakit makes when the user has no git identity configured. */
const FALLBACK_IDENTITY = { name: 'infrakit', email: 'infrakit@localhost' };

/** A git repository at an explicit directory. Every call runs with that cwd. */
export interface Repo {
  readonly root: string;
  isRepo(): Promise<boolean>;
  init(): Promise<void>;
  /** Stages exactly these paths (relative to root) and commits them; returns the commit hash, or undefined when nothing changed. */
  commitPaths(paths: string[], message: string): Promise<string | undefined>;
  /** Subjects of commits, newest first. */
  log(maxCount?: number): Promise<Array<{ hash: string; message: string }>>;
}

/** Opens a Repo over `root` using simple-git. */
export function openRepo(root: string): Repo {
  const git: SimpleGit = gitWithoutKeys(root, { binary: 'git', maxConcurrentProcesses: 4 });
  // Asked once per Repo: each step commit would otherwise spawn two extra git processes.
  let identityArgs: Promise<string[]> | undefined;
  const identity = (): Promise<string[]> => {
    identityArgs ??= (async () => {
      const name = await git.raw(['config', '--get', 'user.name']).catch(() => '');
      const email = await git.raw(['config', '--get', 'user.email']).catch(() => '');
      return name.trim() && email.trim()
        ? []
        : ['-c', `user.name=${FALLBACK_IDENTITY.name}`, '-c', `user.email=${FALLBACK_IDENTITY.email}`];
    })();
    return identityArgs;
  };
  return {
    root,
    async isRepo() {
      return git.checkIsRepo('root' as never).catch(() => false);
    },
    async init() {
      await git.init(['--initial-branch=main']);
    },
    async commitPaths(paths, message) {
      if (paths.length === 0) return undefined;
      await git.raw(['add', '--all', '--', ...paths]);
      const staged = await git.raw(['diff', '--cached', '--name-only', '--', ...paths]);
      if (!staged.trim()) return undefined;
      await git.raw([...(await identity()), 'commit', '--no-verify', '-m', message, '--', ...paths]);
      return (await git.revparse(['HEAD'])).trim();
    },
    async log(maxCount = 50) {
      const result = await git
        .log({ maxCount })
        .catch(() => ({ all: [] as Array<{ hash: string; message: string }> }));
      return result.all.map((entry) => ({ hash: entry.hash, message: entry.message }));
    },
  };
}

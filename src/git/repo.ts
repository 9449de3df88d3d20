import { lstat, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GitCommandError, runGit } from './run-git.js';
import { commitFailure } from './commit-failure.js';
import { withCommitLock } from './commit-lock.js';
import { refusedGitNameProblem } from './refused-names.js';

/** The author used for commits infrakit makes when the user has no git identity configured. */
const FALLBACK_IDENTITY = { name: 'infrakit', email: 'infrakit@localhost' };

/** A git repository at an explicit directory. Every call runs with that cwd. */
export interface Repo {
  readonly root: string;
  isRepo(): Promise<boolean>;
  init(): Promise<void>;
  /**
   * Stages exactly these paths (relative to root) and commits them; returns the commit hash, or
   * undefined when nothing changed. Commits of concurrent infrakit processes in one repository
   * are serialised (`prepare` runs inside that lock, before staging). A commit that fails leaves
   * nothing staged and throws a BlockedError saying why (disk full, read-only, Ctrl-C, git's words).
   */
  commitPaths(
    paths: string[],
    message: string,
    options?: { prepare?: () => Promise<void> },
  ): Promise<string | undefined>;
  /** Why git would refuse or not track these paths (names, ignore rules, attributes), checked before writing them; undefined when fine. */
  commitProblem(paths: string[]): Promise<string | undefined>;
  /** The content of `path` (relative to root) in the HEAD commit, or undefined when HEAD does not have it. */
  readCommitted(path: string): Promise<string | undefined>;
  /** Subjects of commits, newest first. */
  log(maxCount?: number): Promise<Array<{ hash: string; message: string }>>;
}

/** HEAD's commit hash, read from the git folder (no process); asks git when the ref is packed or shared. */
async function headCommit(gitDirectory: string, git: (args: string[]) => Promise<string>): Promise<string> {
  const head = (await readFile(join(gitDirectory, 'HEAD'), 'utf8').catch(() => '')).trim();
  const reference = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1];
  const hash = reference
    ? (await readFile(join(gitDirectory, reference), 'utf8').catch(() => '')).trim()
    : head;
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(hash)) return hash;
  return (await git(['rev-parse', 'HEAD'])).trim();
}

/** Keeps `git commit` from starting its auto-maintenance child (git ≥ 2.29; older git: `gc --auto`). */
const NO_AUTO_MAINTENANCE = ['-c', 'maintenance.auto=false', '-c', 'gc.auto=0'];

interface LogEntry {
  hash: string;
  message: string;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Subjects of `git log -z --format=%H %s`: one NUL-separated record per commit. */
function parseLog(output: string): LogEntry[] {
  return output
    .split('\0')
    .map((record) => /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (.*)$/s.exec(record.replace(/^\n/, '')))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ hash: match[1], message: match[2] }));
}

/** Opens a Repo over `root`; every git process runs there, without model keys (runGit). */
export function openRepo(root: string): Repo {
  const git = (args: string[]) => runGit(root, args);
  // Asked once per Repo: each step commit would otherwise spawn two extra git processes.
  let identityArgs: Promise<string[]> | undefined;
  const identity = (): Promise<string[]> => {
    // One git process for both keys (exit 1, no output, when neither is set).
    identityArgs ??= git(['config', '--get-regexp', '^user\\.(name|email)$'])
      .catch(() => '')
      .then((output) => {
        const keys = new Set(
          output
            .split('\n')
            .filter((line) => /^\S+ \S/.test(line))
            .map((line) => line.split(' ')[0]),
        );
        return keys.has('user.name') && keys.has('user.email')
          ? []
          : ['-c', `user.name=${FALLBACK_IDENTITY.name}`, '-c', `user.email=${FALLBACK_IDENTITY.email}`];
      });
    return identityArgs;
  };
  let gitDirectory: Promise<string> | undefined;
  // A project at the top of its repository has a real `.git` folder: no process needed to find it.
  const gitDir = () =>
    (gitDirectory ??= lstat(join(root, '.git'))
      .then((stats) => (stats.isDirectory() ? resolve(root, '.git') : undefined))
      .catch(() => undefined)
      .then(
        async (found) =>
          found ?? (await git(['rev-parse', '--absolute-git-dir']).then((output) => output.trim())),
      ));
  // The log read last, valid while HEAD is the commit it was read at (this process's own commits
  // extend it; any other commit moves HEAD and the log is read again).
  let cachedLog: { head: string; maxCount: number; entries: LogEntry[] } | undefined;
  // A git process outside infrakit may hold index.lock for a moment: wait for it a few times.
  const rawWithIndexRetry = async (args: string[]): Promise<string> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await git(args);
      } catch (error) {
        if (attempt >= 5 || !/index\.lock/.test(String(error))) throw error;
        await sleep(100 * (attempt + 1));
      }
    }
  };
  // A Ctrl-C pressed again reaches git's own processes too (one process group): the rollback is
  // tried until nothing of these paths is staged, a few times at most.
  const unstage = async (paths: string[]): Promise<void> => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await git(['reset', '-q', '--', ...paths]).catch(() => undefined);
      if ((await stagedAmong(paths)) === false) return;
    }
  };
  /** Whether any of these paths is staged; undefined when git could not say. */
  const stagedAmong = (paths: string[]): Promise<boolean | undefined> =>
    git(['diff', '--cached', '--name-only', '--', ...paths])
      .then((output) => output.trim() !== '')
      .catch(() => undefined);
  return {
    root,
    async isRepo() {
      // At the root of a repository git names its folder relatively: `.git` (or `.` in a bare one).
      return git(['rev-parse', '--git-dir']).then(
        (output) => /^\.(git)?$/.test(output.trim()),
        () => false,
      );
    },
    async init() {
      await git(['init', '--initial-branch=main']);
    },
    async commitPaths(paths, message, options = {}) {
      if (paths.length === 0) return undefined;
      const [directory, identityOptions] = await Promise.all([gitDir(), identity()]);
      return withCommitLock(directory, async () => {
        // A Ctrl-C while git works must not end the process with files staged and no commit:
        // it is noted, the commit lands or is rolled back, and the error says so.
        let interrupted = false;
        const onInterrupt = () => (interrupted = true);
        process.on('SIGINT', onInterrupt);
        try {
          await options.prepare?.();
          const headBefore = await headCommit(directory, git).catch(() => undefined);
          await rawWithIndexRetry(['add', '--all', '--', ...paths]);
          // Two git processes per commit (add, commit): whether anything was staged is asked only
          // when no commit was made, and the new HEAD is read from the git folder.
          let commitError: unknown;
          await rawWithIndexRetry([
            ...identityOptions,
            // No `git maintenance run --auto` child after every step commit (the user's own git
            // commands still run it): one process start less per step.
            ...NO_AUTO_MAINTENANCE,
            'commit',
            '--no-verify',
            '-m',
            message,
            '--',
            ...paths,
          ]).catch((error: unknown) => (commitError = error ?? new Error('git commit failed')));
          // A git killed by a signal (a Ctrl-C reaches the whole process group) may have made the
          // commit or not, and one with nothing to commit fails: a commit is made only when HEAD moved.
          const killed = commitError instanceof GitCommandError && commitError.signal !== null;
          const head =
            commitError === undefined
              ? await headCommit(directory, git)
              : killed
                ? await headCommit(directory, git).catch(() => undefined)
                : undefined;
          if (head === undefined || head === headBefore) {
            if ((await stagedAmong(paths)) === false) return undefined;
            throw (
              commitError ??
              new Error('git commit ended without making the commit (it was interrupted or killed)')
            );
          }
          if (cachedLog && headBefore && cachedLog.head === headBefore)
            cachedLog = {
              head,
              maxCount: cachedLog.maxCount,
              entries: [{ hash: head, message: message.split('\n')[0] }, ...cachedLog.entries].slice(
                0,
                cachedLog.maxCount,
              ),
            };
          else cachedLog = undefined;
          return head;
        } catch (error) {
          await unstage(paths);
          throw commitFailure(error, root, interrupted);
        } finally {
          process.off('SIGINT', onInterrupt);
        }
      });
    },
    async commitProblem(paths) {
      for (const path of paths) {
        const problem = refusedGitNameProblem(path);
        if (problem) return `${path}: ${problem}`;
      }
      if (paths.length === 0) return undefined;
      // Both questions at once: two short git processes side by side instead of one after the other.
      // A commit of these paths follows: the identity it needs is asked beside them (once per Repo).
      void identity();
      const [ignored, attributes] = await Promise.all([
        git(['check-ignore', '-v', '--', ...paths]).catch(() => ''),
        git(['check-attr', 'working-tree-encoding', '--', ...paths]).catch(() => ''),
      ]);
      const firstIgnored = ignored.split('\n').find(Boolean);
      if (firstIgnored) {
        const [rule, path] = firstIgnored.split('\t');
        return `${path}: ignored by git (rule ${rule}), so it could not be committed`;
      }
      const encoded = attributes
        .split('\n')
        .find((line) => /: working-tree-encoding: /.test(line) && !/: (unspecified|unset)$/.test(line));
      if (encoded)
        return `${encoded}: a .gitattributes re-encodes it, so git could refuse or alter the commit`;
      return undefined;
    },
    async readCommitted(path) {
      return git(['show', `HEAD:./${path}`]).catch(() => undefined);
    },
    async log(maxCount = 50) {
      const head = await headCommit(await gitDir(), git).catch(() => undefined);
      if (head && cachedLog?.head === head && cachedLog.maxCount >= maxCount)
        return cachedLog.entries.slice(0, maxCount);
      const entries = await git(['log', '-z', `--max-count=${maxCount}`, '--format=%H %s']).then(
        parseLog,
        () => [] as LogEntry[],
      );
      if (head && entries[0]?.hash === head) cachedLog = { head, maxCount, entries };
      return entries;
    },
  };
}

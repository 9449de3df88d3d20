import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepo } from '../../src/git/repo.js';

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/** A `git` first on PATH that logs each call's first argument and, when asked, kills itself on `commit`. */
function gitShim(base: string, options: { killCommit?: boolean } = {}): { calls: () => string[] } {
  const directory = join(base, 'shim');
  const log = join(base, 'calls.log');
  mkdirSync(directory, { recursive: true });
  const kill = options.killCommit
    ? `for a in "$@"; do if [ "$a" = commit ]; then kill -INT $$; sleep 1; fi; done\n`
    : '';
  writeFileSync(join(directory, 'git'), `#!/bin/sh\necho "$*" >> "${log}"\n${kill}exec "${REAL_GIT}" "$@"\n`);
  chmodSync(join(directory, 'git'), 0o755);
  process.env.PATH = `${directory}:${savedPath}`;
  return {
    calls: () => {
      try {
        return readFileSync(log, 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

const savedPath = process.env.PATH;
const savedHome = process.env.HOME;
let base: string;
let root: string;

function git(args: string[]): string {
  return execFileSync(REAL_GIT, args, { cwd: root, encoding: 'utf8' });
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'infrakit-repo-'));
  root = join(base, 'project');
  mkdirSync(root);
  // No global identity: the fallback author is used, and the user's own config is not read.
  process.env.HOME = join(base, 'home');
  mkdirSync(process.env.HOME);
  git(['init', '-q', '--initial-branch=main']);
  writeFileSync(join(root, 'a.txt'), 'a\n');
  git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'add', 'a.txt']);
  git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'first']);
});

afterEach(() => {
  process.env.PATH = savedPath;
  process.env.HOME = savedHome;
  rmSync(base, { recursive: true, force: true });
});

describe('openRepo().commitPaths', () => {
  it('treats a git commit killed by a signal as a failed commit: nothing staged, HEAD unchanged', async () => {
    gitShim(base, { killCommit: true });
    const repo = openRepo(root);
    const before = git(['rev-parse', 'HEAD']).trim();
    writeFileSync(join(root, 'b.txt'), 'b\n');
    await expect(repo.commitPaths(['b.txt'], 'add b')).rejects.toThrow(/interrupted or killed|git/);
    expect(git(['rev-parse', 'HEAD']).trim()).toBe(before);
    expect(git(['diff', '--cached', '--name-only']).trim()).toBe('');
  });

  it('commits with the fallback identity when the user has none, asking git once per repository', async () => {
    const shim = gitShim(base);
    const repo = openRepo(root);
    writeFileSync(join(root, 'b.txt'), 'b\n');
    writeFileSync(join(root, 'c.txt'), 'c\n');
    const first = await repo.commitPaths(['b.txt'], 'add b');
    const second = await repo.commitPaths(['c.txt'], 'add c');
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(second).toBe(git(['rev-parse', 'HEAD']).trim());
    expect(git(['log', '-1', '--format=%an <%ae>']).trim()).toBe('infrakit <infrakit@localhost>');
    const configCalls = shim.calls().filter((call) => call.startsWith('config'));
    expect(configCalls).toHaveLength(1);
    // The project is at the top of its repository: its git folder is found without a process.
    expect(shim.calls().filter((call) => call.startsWith('rev-parse --absolute-git-dir'))).toHaveLength(0);
  });

  it('commits in two git processes (add, commit), the commit without its auto-maintenance child', async () => {
    const shim = gitShim(base);
    const repo = openRepo(root);
    await repo.commitPaths(['a.txt'], 'warm up');
    const before = shim.calls().length;
    writeFileSync(join(root, 'b.txt'), 'b\n');
    expect(await repo.commitPaths(['b.txt'], 'add b')).toBe(git(['rev-parse', 'HEAD']).trim());
    const calls = shim.calls().slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^add --all -- b\.txt$/);
    expect(calls[1]).toMatch(
      /-c maintenance\.auto=false -c gc\.auto=0 commit --no-verify -m add b -- b\.txt$/,
    );
  });

  it('counts a commit whose git was killed after moving HEAD as made', async () => {
    const directory = join(base, 'late-kill');
    mkdirSync(directory);
    writeFileSync(
      join(directory, 'git'),
      `#!/bin/sh\nfor a in "$@"; do if [ "$a" = commit ]; then "${REAL_GIT}" "$@" >/dev/null; kill -TERM $$; fi; done\nexec "${REAL_GIT}" "$@"\n`,
    );
    chmodSync(join(directory, 'git'), 0o755);
    process.env.PATH = `${directory}:${savedPath}`;
    const repo = openRepo(root);
    writeFileSync(join(root, 'b.txt'), 'b\n');
    const hash = await repo.commitPaths(['b.txt'], 'add b');
    expect(hash).toBe(git(['rev-parse', 'HEAD']).trim());
    expect(git(['log', '-1', '--format=%s']).trim()).toBe('add b');
  });

  it('returns undefined when nothing changed', async () => {
    const repo = openRepo(root);
    expect(await repo.commitPaths(['a.txt'], 'nothing')).toBeUndefined();
  });
});

describe('openRepo().log', () => {
  it('keeps its own commits in the log it read and reads again when another process commits', async () => {
    const shim = gitShim(base);
    const repo = openRepo(root);
    expect((await repo.log(10)).map((entry) => entry.message)).toEqual(['first']);
    writeFileSync(join(root, 'b.txt'), 'b\n');
    const hash = await repo.commitPaths(['b.txt'], 'add b');
    expect(await repo.log(10)).toEqual([
      { hash, message: 'add b' },
      expect.objectContaining({ message: 'first' }),
    ]);
    expect(shim.calls().filter((call) => call.startsWith('log'))).toHaveLength(1);
    writeFileSync(join(root, 'c.txt'), 'c\n');
    git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'add', 'c.txt']);
    git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'outside']);
    expect((await repo.log(10)).map((entry) => entry.message)).toEqual(['outside', 'add b', 'first']);
    expect(shim.calls().filter((call) => call.startsWith('log'))).toHaveLength(2);
  });
});

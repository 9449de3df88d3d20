import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitNotFoundError, locateGit } from '../../src/git/git-binary.js';
import { gitWithoutKeys } from '../../src/git/git-environment.js';
import { openRepo } from '../../src/git/repo.js';
import { gitEnvironment, runGit } from '../../src/git/run-git.js';

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const saved = { ...process.env };
let base: string;
let root: string;

/** A `git` in `folder` that leaves `marker` behind when it runs, then hands over to the real git. */
function plantGit(folder: string, marker: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'git'), `#!/bin/sh\ntouch '${marker}'\nexec '${REAL_GIT}' "$@"\n`);
  chmodSync(join(folder, 'git'), 0o755);
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'infrakit-git-binary-'));
  root = join(base, 'project');
  mkdirSync(root);
  execFileSync(REAL_GIT, ['init', '-q', '--initial-branch=main'], { cwd: root });
});

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  rmSync(base, { recursive: true, force: true });
});

describe('locateGit', () => {
  it('never runs a git the repository planted: a PATH folder inside it, a relative entry, a link into it', async () => {
    const marker = join(base, 'planted-git-ran');
    plantGit(join(root, 'node_modules', '.bin'), marker);
    plantGit(join(root, 'bin'), marker);
    symlinkSync(join(root, 'bin'), join(base, 'linked-bin'));
    const realFolder = dirname(REAL_GIT);
    process.env.PATH = [join(root, 'node_modules', '.bin'), 'bin', join(base, 'linked-bin'), realFolder].join(
      ':',
    );
    // git's children run in the project: a relative entry there would name the planted bin/git.
    expect(await locateGit(root)).toBe(REAL_GIT);
    expect((await runGit(root, ['rev-parse', '--git-dir'])).trim()).toBe('.git');
    expect(await openRepo(root).isRepo()).toBe(true);
    expect(await (await gitWithoutKeys(root)).checkIsRepo()).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('runs a git from a PATH folder outside the project, first one first', async () => {
    const marker = join(base, 'outside-git-ran');
    plantGit(join(base, 'tools'), marker);
    process.env.PATH = `${join(base, 'tools')}:${saved.PATH}`;
    expect(await locateGit(root)).toBe(join(base, 'tools', 'git'));
    await runGit(root, ['status', '--porcelain']);
    expect(existsSync(marker)).toBe(true);
  });

  it("gives git a PATH without the project's folders, so a filter driver it runs is never the repository's", () => {
    process.env.PATH = [join(root, 'bin'), 'relative', dirname(REAL_GIT)].join(':');
    expect(gitEnvironment(root).PATH).toBe(dirname(REAL_GIT));
    expect(gitEnvironment().PATH).toBe(process.env.PATH);
  });

  it('says git is missing, and what was not searched, when PATH has none outside the project', async () => {
    plantGit(join(root, 'bin'), join(base, 'never'));
    process.env.PATH = join(root, 'bin');
    const failure = await runGit(root, ['status']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitNotFoundError);
    expect((failure as Error).message).toMatch(/git was not found on PATH .*folders inside the project/);
    expect(await openRepo(root).isRepo()).toBe(false);
    // Found again once PATH has it: a failed search is not remembered.
    process.env.PATH = saved.PATH;
    expect(await locateGit(root)).toBe(REAL_GIT);
  });
});

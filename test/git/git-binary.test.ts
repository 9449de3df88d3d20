import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_GIT, useScratchRepository } from './support/scratch-repository.js';
import { GitNotFoundError, locateGit } from '../../src/git/git-binary.js';
import { gitWithoutKeys } from '../../src/git/git-environment.js';
import { openRepo } from '../../src/git/repo.js';
import { gitEnvironment, runGit } from '../../src/git/run-git.js';

const scratch = useScratchRepository('infrakit-git-binary-');

/** A `git` in `folder` that leaves `marker` behind when it runs, then hands over to the real git. */
function plantGit(folder: string, marker: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'git'), `#!/bin/sh\ntouch '${marker}'\nexec '${REAL_GIT}' "$@"\n`);
  chmodSync(join(folder, 'git'), 0o755);
}

describe('locateGit', () => {
  it('never runs a git the repository planted: a PATH folder inside it, a relative entry, a link into it', async () => {
    const marker = join(scratch.base, 'planted-git-ran');
    plantGit(join(scratch.root, 'node_modules', '.bin'), marker);
    plantGit(join(scratch.root, 'bin'), marker);
    symlinkSync(join(scratch.root, 'bin'), join(scratch.base, 'linked-bin'));
    const realFolder = dirname(REAL_GIT);
    process.env.PATH = [
      join(scratch.root, 'node_modules', '.bin'),
      'bin',
      join(scratch.base, 'linked-bin'),
      realFolder,
    ].join(':');
    // git's children run in the project: a relative entry there would name the planted bin/git.
    expect(await locateGit(scratch.root)).toBe(REAL_GIT);
    expect((await runGit(scratch.root, ['rev-parse', '--git-dir'])).trim()).toBe('.git');
    expect(await openRepo(scratch.root).isRepo()).toBe(true);
    expect(await (await gitWithoutKeys(scratch.root)).checkIsRepo()).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('runs a git from a PATH folder outside the project, first one first', async () => {
    const marker = join(scratch.base, 'outside-git-ran');
    plantGit(join(scratch.base, 'tools'), marker);
    process.env.PATH = `${join(scratch.base, 'tools')}:${scratch.saved.PATH}`;
    expect(await locateGit(scratch.root)).toBe(join(scratch.base, 'tools', 'git'));
    await runGit(scratch.root, ['status', '--porcelain']);
    expect(existsSync(marker)).toBe(true);
  });

  it("gives git a PATH without the project's folders, so a filter driver it runs is never the repository's", () => {
    process.env.PATH = [join(scratch.root, 'bin'), 'relative', dirname(REAL_GIT)].join(':');
    expect(gitEnvironment(scratch.root).PATH).toBe(dirname(REAL_GIT));
    expect(gitEnvironment().PATH).toBe(process.env.PATH);
  });

  it('says git is missing, and what was not searched, when PATH has none outside the project', async () => {
    plantGit(join(scratch.root, 'bin'), join(scratch.base, 'never'));
    process.env.PATH = join(scratch.root, 'bin');
    const failure = await runGit(scratch.root, ['status']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitNotFoundError);
    expect((failure as Error).message).toMatch(/git was not found on PATH .*folders inside the project/);
    expect(await openRepo(scratch.root).isRepo()).toBe(false);
    // Found again once PATH has it: a failed search is not remembered.
    process.env.PATH = scratch.saved.PATH;
    expect(await locateGit(scratch.root)).toBe(REAL_GIT);
  });
});

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratchRepository } from './support/scratch-repository.js';
import { GitCommandError, gitEnvironment, runGit } from '../../src/git/run-git.js';

const scratch = useScratchRepository('infrakit-run-git-');

describe('runGit', () => {
  it("resolves with git's output, and with an empty string for a command that prints nothing", async () => {
    expect((await runGit(scratch.root, ['rev-parse', '--git-dir'])).trim()).toBe('.git');
    writeFileSync(join(scratch.root, 'a.txt'), 'a\n');
    expect(await runGit(scratch.root, ['add', '--', 'a.txt'])).toBe('');
    expect((await runGit(scratch.root, ['diff', '--cached', '--name-only'])).trim()).toBe('a.txt');
  });

  it("rejects with git's own words and its exit code", async () => {
    const failure = await runGit(scratch.root, [
      'rev-parse',
      '--verify',
      '--quiet',
      'no-such-ref^{commit}',
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitCommandError);
    expect((failure as GitCommandError).exitCode).toBe(1);
    const said = await runGit(scratch.root, ['show', 'HEAD:missing.txt']).catch(
      (error: Error) => error.message,
    );
    expect(said).toMatch(/fatal: .*HEAD/);
  });

  it('names the signal when git is killed, past the -c options', async () => {
    const shim = join(scratch.base, 'shim');
    mkdirSync(shim);
    writeFileSync(join(shim, 'git'), '#!/bin/sh\nkill -TERM $$\nsleep 1\n');
    chmodSync(join(shim, 'git'), 0o755);
    process.env.PATH = `${shim}:${scratch.saved.PATH}`;
    const failure = (await runGit(scratch.root, ['-c', 'a.b=c', 'commit', '-m', 'x']).catch(
      (error: unknown) => error,
    )) as GitCommandError;
    expect(failure.signal).toBe('SIGTERM');
    expect(failure.message).toBe('git commit was killed by SIGTERM');
  });

  it('runs git without model keys and without GIT_* redirection from the environment', async () => {
    process.env.ANTHROPIC_API_KEY = 'sk-ant-test-secret';
    process.env.GIT_DIR = join(scratch.base, 'elsewhere');
    process.env.GIT_INDEX_FILE = join(scratch.base, 'other-index');
    const environment = gitEnvironment();
    expect(environment.ANTHROPIC_API_KEY).toBeUndefined();
    expect(environment.GIT_DIR).toBeUndefined();
    expect(environment.PATH).toBe(process.env.PATH);
    // With GIT_DIR passed through, git would look for a repository that does not exist.
    expect((await runGit(scratch.root, ['rev-parse', '--git-dir'])).trim()).toBe('.git');
  });
});

import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, spawnCli, temporaryDirectory } from '../cli/run-cli.js';
import { runCliInProcess } from './run-cli-in-process.js';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const example = join('examples', 'cloudformation', 's3-secure-bucket');
// Terraform: review runs no external validator on it by itself (cfn-lint runs on CloudFormation)
const terraformExample = join('examples', 'terraform', 's3-secure-bucket');

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('runCliInProcess', () => {
  it('puts back the working folder, environment, argv, streams, console and exit code', async () => {
    const before = {
      cwd: process.cwd(),
      env: { ...process.env },
      argv: [...process.argv],
      exitCode: process.exitCode,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      console: globalThis.console,
    };
    const cwd = await temporaryDirectory();
    // a usage error (exit 2) sets nothing of its own; `status` outside a project fails with exit 3
    const result = await runCliInProcess(['status'], {
      cwd,
      env: { PATH: process.env.PATH, NO_COLOR: '1', INFRAKIT_IN_PROCESS_MARK: 'set' },
      extendEnv: false,
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`no .infrakit/ folder in ${await realpath(cwd)} or above`);
    expect(process.cwd()).toBe(before.cwd);
    expect(process.env).toEqual(before.env);
    expect(process.env.INFRAKIT_IN_PROCESS_MARK).toBeUndefined();
    expect(process.argv).toEqual(before.argv);
    expect(process.exitCode).toBe(before.exitCode);
    expect(process.stdin).toBe(before.stdin);
    expect(process.stdout).toBe(before.stdout);
    expect(process.stderr).toBe(before.stderr);
    expect(globalThis.console).toBe(before.console);
  });

  it('puts everything back when the command throws past main (a bad working folder)', async () => {
    const cwd = process.cwd();
    const env = { ...process.env };
    const absent = join(await temporaryDirectory(), 'absent');
    await expect(runCliInProcess(['status'], { cwd: absent, env: { INFRAKIT_RUN: 'x' } })).rejects.toThrow(
      /ENOENT/,
    );
    expect(process.cwd()).toBe(cwd);
    expect(process.env).toEqual(env);
    // the next run is not stuck behind the failed one
    expect((await runCliInProcess(['frobnicate'], { cwd })).exitCode).toBe(2);
  });

  it('runs started together take turns: each sees its own working folder and environment', async () => {
    const folders = await Promise.all([temporaryDirectory(), temporaryDirectory(), temporaryDirectory()]);
    const results = await Promise.all(
      folders.map((cwd, index) =>
        runCliInProcess(['--json', 'status'], { cwd, env: { NO_COLOR: '1', INFRAKIT_RUN: String(index) } }),
      ),
    );
    for (const [index, result] of results.entries()) {
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain(`no .infrakit/ folder in ${await realpath(folders[index])} or above`);
    }
  });
});

describe.skipIf(!cliBuilt)('runCli in-process gives what the spawned CLI gives', () => {
  const cases: Array<{ name: string; args: string[]; cwd: () => Promise<string> }> = [
    { name: 'an unknown command', args: ['frobnicate'], cwd: temporaryDirectory },
    { name: 'a command outside a project, --json', args: ['--json', 'status'], cwd: temporaryDirectory },
    { name: 'a command --help', args: ['verify', '--help'], cwd: temporaryDirectory },
    { name: 'verify of an example', args: ['verify', example], cwd: async () => repositoryRoot },
    {
      name: 'review --json of a Terraform example',
      args: ['review', terraformExample, '--json'],
      cwd: async () => repositoryRoot,
    },
    { name: 'a missing path', args: ['--json', 'verify', 'nope.yaml'], cwd: temporaryDirectory },
  ];
  it.each(cases)('$name', async ({ args, cwd }) => {
    const folder = await cwd();
    // a home of its own: nothing read from the machine's config or cache, nothing written into the repository
    const home = await temporaryDirectory();
    const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.no-config') };
    const spawned = await spawnCli(args, { cwd: folder, env });
    const here = await runCli(args, { cwd: folder, env });
    expect(here).toEqual(spawned);
  });
});

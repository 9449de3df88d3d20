import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, spawnCli, temporaryDirectory } from './run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('the infrakit program (built CLI)', () => {
  it('--version prints the package version', async () => {
    const manifest = JSON.parse(
      await readFile(resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    ) as { version: string };
    // the bin's own fast path: a process
    const result = await spawnCli(['--version'], { cwd: await temporaryDirectory() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  for (const command of ['init', 'setup', 'setup-coding-style', 'doctor']) {
    it(`${command} --help shows an example`, async () => {
      const result = await runCli([command, '--help'], { cwd: await temporaryDirectory() });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`Examples?:\\n  \\$ infrakit ${command}`));
    });
  }

  it('an unknown command is a usage error (exit 2)', async () => {
    const result = await runCli(['frobnicate'], { cwd: await temporaryDirectory() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('--cwd runs a command as if started in that directory', async () => {
    const cwd = await temporaryDirectory();
    expect(
      (await runCli(['--cwd', cwd, 'init', 'here', '--iac', 'terraform', '--no-git'], { cwd: process.cwd() }))
        .exitCode,
    ).toBe(0);
    const result = await runCli(['--cwd', `${cwd}/here/modules`, '--json', 'doctor'], { cwd: process.cwd() });
    expect(JSON.parse(result.stdout)).toMatchObject({ projectRoot: `${cwd}/here`, iac: 'terraform' });
  });
});

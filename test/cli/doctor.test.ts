import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

const versionsFile = resolve(import.meta.dirname, '..', '..', 'tools', 'versions.json');

/** A PATH holding only git: every validator is stripped away. */
async function strippedPath(extra: Record<string, string> = {}): Promise<string> {
  const bin = join(await temporaryDirectory('infrakit-bin-'), 'bin');
  await mkdir(bin);
  const git = (await execa('sh', ['-c', 'command -v git'])).stdout.trim();
  await symlink(git, join(bin, 'git'));
  for (const [name, script] of Object.entries(extra)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${script}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return bin;
}

async function project(iac: string): Promise<string> {
  const cwd = await temporaryDirectory();
  const created = await runCli(['init', '.', '--iac', iac, '--no-git'], { cwd });
  expect(created.exitCode).toBe(0);
  return cwd;
}

describe.skipIf(!cliBuilt)('infrakit doctor (built CLI)', () => {
  it('with a PATH stripped of validators, reports each one missing with its install command and exits 5', async () => {
    const cwd = await project('crossplane');
    const pins = JSON.parse(await readFile(versionsFile, 'utf8')) as Record<string, { install?: string }>;
    const env = { PATH: await strippedPath(), HOME: process.env.HOME, NO_COLOR: '1' };
    const human = await runCli(['doctor'], { cwd, env });
    expect(human.exitCode).toBe(5);
    for (const [name, pin] of Object.entries(pins)) {
      if (!pin.install) continue;
      expect(human.stdout).toMatch(new RegExp(`[✗!] ${name.replace(/[-.]/g, '\\$&')}\\b`));
      expect(human.stdout).toContain(`fix: ${pin.install}`);
    }
    const json = await runCli(['doctor', '--json'], { cwd, env });
    expect(json.exitCode).toBe(5);
    const report = JSON.parse(json.stdout) as { checks: Array<{ id: string; status: string; fix?: string }> };
    for (const [name, pin] of Object.entries(pins)) {
      if (!pin.install) continue;
      const check = report.checks.find((entry) => entry.id === `validator:${name}`);
      expect(check?.status, name).toMatch(/^(missing|warn)$/);
      expect(check?.fix?.split('\n')[0], name).toBe(pin.install);
    }
    expect(report.checks.find((entry) => entry.id === 'validator:crank')?.status).toBe('missing');
    expect(report.checks.find((entry) => entry.id === 'validator:function-go-templating')?.status).toBe(
      'missing',
    );
  });

  it('exits 0 for CloudFormation once cfn-lint is on the PATH, showing its version', async () => {
    const cwd = await project('cloudformation');
    const env = { PATH: await strippedPath({ 'cfn-lint': 'echo "cfn-lint 1.51.0"' }), NO_COLOR: '1' };
    const result = await runCli(['doctor'], { cwd, env });
    expect(result.stdout).toMatch(/✓ cfn-lint\s+1\.51\.0 at /);
    expect(result.exitCode).toBe(0);
  });

  it('reports broken constraints the same way as every command, with exit 3 and no stack trace', async () => {
    const cwd = await project('terraform');
    const file = join(cwd, '.infrakit', 'context.md');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('compliance: [soc2, pci-dss]', 'compliance: soc2'),
    );
    const result = await runCli(['doctor'], { cwd, env: { PATH: await strippedPath(), NO_COLOR: '1' } });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain(
      '.infrakit/context.md: compliance: expected a list of compliance frameworks, e.g. [soc2, pci-dss], got "soc2"',
    );
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });
});

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit init (built CLI)', () => {
  for (const iac of ['crossplane', 'terraform', 'cloudformation']) {
    it(`creates a ${iac} project with one commit`, async () => {
      const cwd = await temporaryDirectory();
      const result = await runCli(['init', 'demo', '--iac', iac], { cwd });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(`Created a ${iac} project in demo/`);
      await loadConstraints(join(cwd, 'demo'));
      expect((await simpleGit(join(cwd, 'demo')).log()).total).toBe(1);
    });
  }

  it('works with "." and --no-git, printing JSON with --json', async () => {
    const cwd = await temporaryDirectory();
    const result = await runCli(['--json', 'init', '.', '--iac', 'terraform', '--no-git'], { cwd });
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout) as { files: string[]; git: unknown };
    expect(parsed.git).toBeNull();
    expect(parsed.files).toContain('modules/README.md');
    expect(await readdir(cwd)).not.toContain('.git');
  });

  it('refuses a non-empty directory with exit 2 and mentions --force', async () => {
    const cwd = await temporaryDirectory();
    await mkdir(join(cwd, 'full'));
    await writeFile(join(cwd, 'full', 'main.tf'), '');
    const result = await runCli(['init', 'full', '--iac', 'terraform'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"full" is not empty (it contains main.tf)');
    expect(result.stderr).toContain('--force');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('requires --iac', async () => {
    const cwd = await temporaryDirectory();
    const result = await runCli(['init', 'x'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("required option '--iac <tool>' not specified");
  });
});

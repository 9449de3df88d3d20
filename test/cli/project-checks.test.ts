import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);
const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});

describe.skipIf(!cliBuilt)('commands that read the project (built CLI)', () => {
  it('status exits 3 on invalid constraints; a start command for another tool is refused (exit 2)', async () => {
    const cwd = await temporaryDirectory();
    created.push(cwd);
    expect((await runCli(['init', 'infra', '--iac', 'crossplane'], { cwd })).exitCode).toBe(0);
    const project = join(cwd, 'infra');
    const refused = await runCli(['create-terraform-code', 'bucket', 'an S3 bucket', '--answers', 'a.yaml'], {
      cwd: project,
    });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('but this is a crossplane project');
    expect(refused.stderr).toContain('infrakit new-composition <name>');

    const file = join(project, '.infrakit', 'context.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^region:/m, 'regoin: eu-west-1\nregion:'));
    const status = await runCli(['status'], { cwd: project });
    expect(status.stdout).toContain('Constraints: INVALID');
    expect(status.stdout).toContain('regoin: unknown field; did you mean "region"?');
    expect(status.exitCode).toBe(3);
  });
});

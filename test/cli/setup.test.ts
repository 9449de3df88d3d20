import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

async function project(iac: string): Promise<string> {
  const cwd = await temporaryDirectory();
  expect((await runCli(['init', 'p', '--iac', iac], { cwd })).exitCode).toBe(0);
  return join(cwd, 'p');
}

describe.skipIf(!cliBuilt)('infrakit setup and setup-coding-style (built CLI)', () => {
  it('setup --answers writes what the answers say, shows the diff and commits', async () => {
    const root = await project('crossplane');
    await writeFile(
      join(root, 'answers.yaml'),
      [
        'region: eu-west-1',
        "naming: '{team}-{env}-{resource}'",
        'environments: [dev, {name: prod, multiAz: true, pointInTimeRecovery: true}]',
        'compliance: [soc2, hipaa, iso27001]',
        'network: {topology: shared-vpc, privateOnly: true}',
        'resilience: {rpoMinutes: 5, rtoMinutes: 30, multiRegion: true}',
        'crossplane: {version: v1, apiGroup: platform.acme.io}',
        'tags: [environment, team, {key: owner, source: label, from: acme.io/owner}]',
      ].join('\n'),
    );
    const result = await runCli(['setup', '--answers', 'answers.yaml'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('-region: us-east-1\n+region: eu-west-1');
    expect(result.stdout).toMatch(
      /Updated \.infrakit\/context\.md, \.infrakit\/tagging-standard\.md, committed [0-9a-f]{7}\./,
    );
    const { context, tagging } = await loadConstraints(root);
    expect(context).toMatchObject({
      region: 'eu-west-1',
      naming: { pattern: '{team}-{env}-{resource}' },
      compliance: ['soc2', 'hipaa', 'iso27001'],
      network: { topology: 'shared-vpc', privateOnly: true },
      resilience: { rpoMinutes: 5, rtoMinutes: 30, multiRegion: true },
      crossplane: { version: 'v1', apiGroup: 'platform.acme.io' },
    });
    expect(context.environments.map((environment) => environment.name)).toEqual(['dev', 'prod']);
    expect(tagging.tags.map((tag) => tag.key)).toEqual(['environment', 'team', 'owner']);
    expect(tagging.tags[0].allowed).toEqual(['dev', 'prod']);
    const log = await simpleGit(root).log();
    expect(log.total).toBe(2);
    expect(log.latest?.message).toBe('infrakit setup: update project context and tagging standard');
    expect((await simpleGit(root).status()).files.map((file) => file.path)).toEqual(['answers.yaml']);
  });

  it('setup-coding-style --answers --json rewrites coding-style.md', async () => {
    const root = await project('terraform');
    await writeFile(
      join(root, 'style.yaml'),
      'versionPinning: exact\noutputDir: infra/modules\nterraform: {backend: {type: local}}\n',
    );
    const result = await runCli(['--json', 'setup-coding-style', '--answers', 'style.yaml'], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      changed: ['.infrakit/coding-style.md'],
      written: true,
    });
    const { codingStyle } = await loadConstraints(root);
    expect(codingStyle).toMatchObject({
      versionPinning: 'exact',
      layout: { outputDir: 'infra/modules' },
      terraform: { backend: { type: 'local' } },
    });
  });

  it('without a terminal and without --answers, fails at once naming the flag', async () => {
    const root = await project('cloudformation');
    for (const command of ['setup', 'setup-coding-style']) {
      const result = await runCli([command], { cwd: root });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(
        `infrakit ${command} asks its questions in a terminal, and none is attached`,
      );
      expect(result.stderr).toContain('--answers <file.yaml>');
    }
  });

  it('rejects an answers file with an unknown key or a bad value, naming the file and key, writing nothing', async () => {
    const root = await project('crossplane');
    const before = await readFile(join(root, '.infrakit', 'context.md'), 'utf8');
    await writeFile(join(root, 'bad.yaml'), 'regoin: eu-west-1\ncompliance: [soc3]\n');
    const result = await runCli(['setup', '--answers', 'bad.yaml'], { cwd: root });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('bad.yaml: compliance[0]: expected one of soc2');
    expect(result.stderr).toContain('bad.yaml: unknown key "regoin"');
    expect(await readFile(join(root, '.infrakit', 'context.md'), 'utf8')).toBe(before);
  });

  it('--dry-run shows the change and writes nothing', async () => {
    const root = await project('crossplane');
    await writeFile(join(root, 'a.yaml'), 'region: eu-north-1\n');
    const result = await runCli(['setup', '--answers', 'a.yaml', '--dry-run'], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('+region: eu-north-1');
    expect((await loadConstraints(root)).context.region).toBe('us-east-1');
  });
});

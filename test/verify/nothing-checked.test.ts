import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/project/init.js';
import { fixLine } from '../../src/schemas/discover/schema-roles.js';
import { createVerifyGate } from '../../src/verify/gate.js';
import { verifySummary } from '../../src/verify/verify-summary.js';
import { uncheckedAnswer } from '../../src/verify/nothing-checked.js';
import { verifyPaths, verifyText } from '../../src/verify/verify-paths.js';
import { CLI_PATH, cliBuilt, notBuiltReason, runCli } from '../cli/run-cli.js';
import { registeredTempDir } from '../support/temp-dirs.js';
import { crossplaneDirectory, repositoryRoot } from './support/schema-fixture.js';

/**
 * A run that checked nothing must not pass: a fresh Crossplane project without schemas (init
 * --no-schemas), with the cassandra example's compositions copied in.
 */
const example = join(repositoryRoot, 'examples', 'crossplane', 'cassandra-keyspace', 'compositions');
const coreAvailable = existsSync(crossplaneDirectory);
if (!cliBuilt) console.warn(`skipped (verify's exit code, built CLI): ${notBuiltReason}`);
if (!coreAvailable) console.warn(`skipped (a pasted fix line): ${crossplaneDirectory} is absent`);

/** A project with no schema anywhere: its own cache, no shared/crds above it, no INFRAKIT_* variables. */
async function freshProject() {
  const home = registeredTempDir('ik-nothing-checked-');
  const root = join(home, 'p');
  await initProject({
    directory: root,
    cwd: home,
    iac: 'crossplane',
    region: 'eu-west-1',
    templatesDirectory: join(repositoryRoot, 'templates'),
  });
  await cp(example, join(root, 'compositions'), { recursive: true });
  const cache = join(home, 'cache');
  const bin = join(home, 'bin');
  await mkdir(bin);
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
    INFRAKIT_CACHE_DIR: cache,
    NO_COLOR: '1',
  };
  return { home, root, cache, bin, env };
}

/** Writes an executable shell script. */
async function script(path: string, text: string): Promise<void> {
  await writeFile(path, `#!/bin/sh\n${text}\n`);
  await chmod(path, 0o755);
}
const infrakitShim = `exec '${process.execPath}' '${CLI_PATH}' "$@"`;

describe('verify summary: how many of how many were checked', () => {
  const counts = { resources: 12, files: 6, checkable: 12, againstProjectXrds: 0, errors: 0, warnings: 6 };
  it('says "every field matches" only when every resource was checked', () => {
    expect(verifySummary({ ...counts, checked: 12 })).toBe(
      'verify: 12 resources in 6 files: every field matches its schema (6 warnings)',
    );
    for (const checked of [0, 3, 11])
      expect(verifySummary({ ...counts, checked })).not.toContain('every field matches');
  });

  it('counts the checked ones, the unchecked ones and the errors', () => {
    expect(verifySummary({ ...counts, checked: 0 })).toBe(
      'verify: 12 resources in 6 files: none of the 12 resources was checked against a schema (no schema imported for their kinds); 6 warnings',
    );
    expect(verifySummary({ ...counts, checked: 3, againstProjectXrds: 3 })).toBe(
      "verify: 12 resources in 6 files: 3 of 12 resources checked against a schema (3 only against the project's own XRDs), 9 not (no schema imported for their kinds); no errors, 6 warnings",
    );
    expect(verifySummary({ ...counts, checked: 8, errors: 2, warnings: 4 })).toBe(
      'verify: 12 resources in 6 files: 8 of 12 resources checked against a schema, 4 not (no schema imported for their kinds); 2 errors, 4 warnings',
    );
  });
});

describe('what a run that checked nothing says to do', () => {
  it('a SAM template (Transform) is checked after expansion: the hint says how, not "import schemas"', async () => {
    const root = registeredTempDir('ik-nothing-checked-sam-');
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '',
    ].join('\n');
    const result = await verifyText(template, 'template.yaml', {
      projectRoot: root,
      cacheDirectory: join(root, 'cache'),
    });
    const answer = uncheckedAnswer('verify', 'template.yaml', result);
    expect(answer?.message).toContain('none of the 1 resource in template.yaml was checked');
    expect(answer?.hint).toContain('sam validate');
  });
});

describe('verify of a project without schemas', () => {
  it('checks only the examples against the project XRD, and says so', async () => {
    const { root, cache } = await freshProject();
    const result = await verifyPaths(['compositions'], { projectRoot: root, cacheDirectory: cache });
    expect(result.errors).toBe(0);
    expect(result.checkable).toBe(12);
    expect(result.checked.map((entry) => entry.source.name)).toEqual([
      'project XRDs',
      'project XRDs',
      'project XRDs',
    ]);
    expect(result.summary).toContain('3 of 12 resources checked against a schema');
    expect(result.summary).not.toContain('every field matches');
  });

  it('the implement gate is unavailable (the track ends blocked) with the one line that imports the schemas', async () => {
    const { root, cache } = await freshProject();
    const files = (await readdir(join(root, 'compositions', 'cassandra-keyspace'))).filter((name) =>
      name.endsWith('.yaml'),
    );
    const gate = createVerifyGate({ cacheDirectory: cache });
    const result = await gate({
      projectRoot: root,
      tool: 'crossplane',
      files: files.map((name) => join('compositions', 'cassandra-keyspace', name)),
      constraints: {} as never,
    });
    expect(result.status).toBe('unavailable');
    expect(result.summary).toMatch(
      /^verify: no schema is imported for the kinds of the 9 generated resources, so none could be verified$/,
    );
    expect(result.installHint).toBe(fixLine(['crossplane-core', 'crossplane-aws']));
  });

  it.skipIf(!cliBuilt)(
    'infrakit verify exits 7 naming the path and the command; --strict keeps exit 4',
    async () => {
      const { root, env } = await freshProject();
      const run = await runCli(['verify', 'compositions'], { cwd: root, env });
      expect(run.exitCode, run.stderr).toBe(7);
      expect(run.stdout).toContain('IK-UNVERIFIABLE');
      expect(run.stdout).toContain('3 of 12 resources checked against a schema');
      expect(run.stdout).not.toContain('every field matches');
      expect(run.stderr).toContain(
        'error: verify: none of the 12 resources in compositions was checked against an imported or built-in schema',
      );
      expect(run.stderr).toContain(
        `Import the schemas, then run it again: ${fixLine(['crossplane-core', 'crossplane-aws'])}`,
      );

      const json = await runCli(['verify', 'compositions', '--json'], { cwd: root, env });
      expect(json.exitCode).toBe(7);
      const document = JSON.parse(json.stdout) as {
        checked: number;
        error: { exitCode: number; hint: string };
      };
      expect(document.checked).toBe(3);
      expect(document.error.exitCode).toBe(7);

      const strict = await runCli(['verify', 'compositions', '--strict'], { cwd: root, env });
      expect(strict.exitCode).toBe(4);
    },
  );

  it.skipIf(!cliBuilt || !coreAvailable)(
    "the printed fix line for Crossplane's own CRDs works when pasted (a folder of CRDs; git and kubectl faked)",
    async () => {
      const { home, root, bin, env } = await freshProject();
      // `infrakit` on the PATH, as `npm link` puts it; git clone lays out a release's cluster/crds.
      await script(join(bin, 'infrakit'), infrakitShim);
      const release = join(home, 'release');
      await mkdir(join(release, 'cluster'), { recursive: true });
      await cp(crossplaneDirectory, join(release, 'cluster', 'crds'), { recursive: true });
      await script(
        join(bin, 'git'),
        `[ "$1" = clone ] || exit 2\nfor last; do :; done\ncp -R '${release}' "$last"`,
      );
      const line = fixLine(['crossplane-core']);
      expect(line).not.toMatch(/<[^>]*>[^#]*#/);
      execFileSync('sh', ['-c', line], { cwd: root, env, stdio: 'pipe' });
      const partial = await runCli(['verify', 'compositions'], { cwd: root, env });
      expect(partial.exitCode, partial.stderr).toBe(0);
      expect(partial.stdout).toMatch(/\d+ of 12 resources checked against a schema/);
      expect(partial.stdout).not.toContain('apiextensions.crossplane.io/v1/Composition: no schema');

      // The alternative after the `#`: kubectl's answer is one `kind: List` of CRDs.
      const fresh = await freshProject();
      const items = (await readdir(crossplaneDirectory)).map(async (name) =>
        (await readFile(join(crossplaneDirectory, name), 'utf8'))
          .replace(/^---\n/, '')
          .trimEnd()
          .split('\n')
          .map((text, index) => `${index === 0 ? '- ' : '  '}${text}`)
          .join('\n'),
      );
      await writeFile(
        join(fresh.home, 'list.yaml'),
        `apiVersion: v1\nkind: List\nitems:\n${(await Promise.all(items)).join('\n')}\n`,
      );
      await script(join(fresh.bin, 'infrakit'), infrakitShim);
      await script(join(fresh.bin, 'kubectl'), `cat '${join(fresh.home, 'list.yaml')}'`);
      const alternative = line.match(/# or, on a cluster: (.*?);/)?.[1] ?? '';
      expect(alternative).toBe(
        'kubectl get crd -o yaml > cluster-crds.yaml && infrakit schemas import cluster-crds.yaml',
      );
      execFileSync('sh', ['-c', alternative], { cwd: fresh.root, env: fresh.env, stdio: 'pipe' });
      const viaCluster = await runCli(['verify', 'compositions'], { cwd: fresh.root, env: fresh.env });
      expect(viaCluster.exitCode, viaCluster.stderr).toBe(0);
      expect(viaCluster.stdout).not.toContain('apiextensions.crossplane.io/v1/Composition: no schema');
    },
    120_000,
  );
});

import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturesDirectory, sharedCacheDirectory, terraformSubset } from './support/schema-fixture.js';
import { cliBuilt, notBuiltReason, runCli } from '../cli/run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit verify / schemas / schema (the built CLI, in-process)', () => {
  let projectRoot: string;
  const cli = (...args: string[]) =>
    runCli(args, { cwd: projectRoot, env: { INFRAKIT_CACHE_DIR: sharedCacheDirectory, NO_COLOR: '1' } });
  beforeAll(async () => {
    projectRoot = await mkdtemp(join(tmpdir(), 'ik-cli-'));
    await mkdir(join(projectRoot, '.infrakit'));
    await cp(join(fixturesDirectory, 'terraform'), join(projectRoot, 'terraform'), { recursive: true });
    await cp(join(fixturesDirectory, 'cloudformation'), join(projectRoot, 'cloudformation'), {
      recursive: true,
    });
  });

  it('imports a schema and lists it', async () => {
    expect((await cli('schemas', 'import', terraformSubset)).stdout).toMatch(
      /^imported terraform-provider-aws \(test subset\) 6\.25\.0.*: 14 kinds/,
    );
    const listed = await cli('schemas', 'list', '--json');
    const sources = (JSON.parse(listed.stdout) as { sources: Array<{ name: string; kinds: number }> })
      .sources;
    expect(sources.map((source) => source.name)).toEqual([
      'terraform-provider-aws (test subset)',
      'aws-service-spec',
    ]);
  });

  it('exits 0 on clean input and 4 with file:line findings on defects', async () => {
    const clean = await cli('verify', 'terraform/main.tf', 'cloudformation/bucket-clean.yaml');
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout.trim().split('\n').pop()).toBe(
      'verify: 4 resources in 2 files: every field matches its schema',
    );
    const bad = await cli('verify', 'terraform/defects.tf');
    expect(bad.exitCode).toBe(4);
    expect(bad.stdout).toContain(
      'terraform/defects.tf:2  error  IK-FIELD-UNKNOWN  aws_s3_bucket "typo_attribute"',
    );
    expect(bad.stdout).toContain('did you mean "bucket"?');
  });

  it('prints JSON and SARIF', async () => {
    const json = JSON.parse((await cli('--json', 'verify', 'terraform/defects.tf')).stdout) as {
      errors: number;
      findings: unknown[];
    };
    expect(json.errors).toBe(json.findings.length);
    const sarif = JSON.parse((await cli('verify', 'terraform/defects.tf', '--sarif')).stdout) as {
      version: string;
      runs: Array<{ results: unknown[] }>;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(json.findings.length);
  });

  it('shows a resource and a field, and searches', async () => {
    expect((await cli('schema', 'show', 'aws_s3_bucket_versioning')).stdout).toContain(
      'versioning_configuration: array of object (required)',
    );
    expect(
      (await cli('schema', 'show', 'AWS::S3::Bucket', '--field', 'VersioningConfiguration.Status')).stdout,
    ).toContain('VersioningConfiguration.Status: string (one of Enabled, Suspended) (required)');
    const search = await cli('schema', 'search', 'keyspaces', 'table');
    expect(search.stdout).toContain('aws_keyspaces_table');
    expect((await cli('schema', 'search', 'zzzz-nothing')).exitCode).toBe(4);
  });
});

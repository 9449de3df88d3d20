import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptProject } from '../../src/brownfield/adopt/run-adopt.js';
import { checkConstraints } from '../../src/constraints/load.js';
import { splitFrontMatter } from '../../src/constraints/front-matter.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'brownfield', 'inconsistent-tags');
const examples = join(import.meta.dirname, '..', '..', 'examples');

async function copy(from: string, skipInfrakit = true): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ik-adopt-'));
  await cp(from, root, {
    recursive: true,
    filter: (source) => !(skipInfrakit && source.includes('.infrakit')),
  });
  return root;
}

async function listAll(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

describe('infrakit adopt on a real-world-shaped Terraform project with inconsistent tags', () => {
  it('infers the majority tags and reports each outlier', async () => {
    const root = await copy(fixture);
    const result = await adoptProject(root);
    expect(result.tool).toBe('terraform');
    expect(result.tags.map((tag) => tag.key)).toEqual(['cost-center', 'environment', 'owner']);
    expect(result.tags.find((tag) => tag.key === 'environment')).toEqual({
      key: 'environment',
      source: 'variable',
      from: 'environment',
    });
    expect(result.tags.find((tag) => tag.key === 'cost-center')).toEqual({
      key: 'cost-center',
      source: 'constant',
      value: 'CC-1042',
    });
    const outliers = result.outliers.map((outlier) => `${outlier.resource}: ${outlier.problem}`);
    expect(outliers).toEqual(
      expect.arrayContaining([
        'aws_s3_bucket.legacy: has no "cost-center" tag',
        'aws_dynamodb_table.sessions: has no "owner" tag',
        'aws_s3_bucket.legacy: sets "environment" from the constant "prod", not like the others',
        'aws_dynamodb_table.sessions: sets "cost-center" from the constant "CC-2001", not like the others',
        'aws_s3_bucket.legacy: its name "payments-legacy-dump" does not follow {env}-{team}-{resource}',
      ]),
    );
    expect(outliers.some((line) => line.includes('name "id"'))).toBe(false);
    expect(result.minorityTags).toEqual([{ key: 'Team', count: 1 }]);
  });

  it('writes three valid constraint files, each inferred field marked, and nothing outside .infrakit/', async () => {
    const root = await copy(fixture);
    const before = await listAll(root);
    await adoptProject(root);
    const after = await listAll(root);
    expect(after.filter((file) => !before.includes(file))).toEqual([
      '.infrakit/coding-style.md',
      '.infrakit/context.md',
      '.infrakit/tagging-standard.md',
    ]);
    const { constraints, problems } = await checkConstraints(root);
    expect(problems).toEqual([]);
    expect(constraints?.context.region).toBe('eu-central-1');
    expect(constraints?.context.naming.pattern).toBe('{env}-{team}-{resource}');
    expect(constraints?.context.environments.map((environment) => environment.name)).toEqual([
      'staging',
      'prod',
    ]);
    expect(constraints?.context.environments[1].encryptionAtRest).toBe('customer-managed');
    expect(constraints?.codingStyle.terraform?.awsProviderVersion).toBe('~> 5.40');
    expect(constraints?.codingStyle.versionPinning).toBe('pessimistic');
    const context = await readFile(join(root, '.infrakit/context.md'), 'utf8');
    expect(splitFrontMatter(context).data).toBeDefined();
    expect(context).toMatch(/region: eu-central-1 # inferred: 1\/1 region settings/);
    expect(context).toContain('## Outliers');
    const tagging = await readFile(join(root, '.infrakit/tagging-standard.md'), 'utf8');
    expect(tagging).toMatch(
      /- key: environment # inferred: on 7\/7 tagged resources; set the same way on 6\/7/,
    );
    expect(tagging).toContain('`aws_s3_bucket.legacy`');
  });

  it('refuses when constraints exist, unless --force', async () => {
    const root = await copy(fixture);
    await adoptProject(root);
    await expect(adoptProject(root)).rejects.toThrow(/already exist/);
    await expect(adoptProject(root, { force: true })).resolves.toMatchObject({ tool: 'terraform' });
  });
});

describe('infrakit adopt on the shipped examples (their .infrakit/ removed)', () => {
  for (const example of [
    'crossplane/cassandra-keyspace',
    'crossplane/cassandra-keyspace-v1',
    'crossplane/postgresql',
    'terraform/s3-secure-bucket',
    'cloudformation/s3-secure-bucket',
  ]) {
    it(`drafts valid constraints for ${example}`, async () => {
      const root = await copy(join(examples, example));
      const result = await adoptProject(root);
      const { problems } = await checkConstraints(root);
      expect(problems).toEqual([]);
      expect(result.inferred.length).toBeGreaterThan(1);
      expect(result.tool).toBe(example.split('/')[0]);
    });
  }

  it('says so when the tags are one expression it cannot read (Terraform example: local.tags)', async () => {
    const root = await copy(join(examples, 'terraform/s3-secure-bucket'));
    const result = await adoptProject(root);
    expect(result.gaps.join('\n')).toMatch(/through one expression .*local\.tags/);
    expect(await readFile(join(root, '.infrakit/tagging-standard.md'), 'utf8')).toMatch(/local\.tags/);
  });

  it('infers the CloudFormation tags from !Ref parameters', async () => {
    const root = await copy(join(examples, 'cloudformation/s3-secure-bucket'));
    const result = await adoptProject(root);
    expect(result.tags).toEqual(
      expect.arrayContaining([
        { key: 'owner', source: 'parameter', from: 'Owner' },
        { key: 'managed-by', source: 'constant', value: 'cloudformation' },
      ]),
    );
    expect(result.outliers).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createLookupTools } from '../../src/schemas/lookup-tools.js';
import { buildSchemaLock, checkSchemaLock } from '../../src/schemas/schema-lock.js';
import type { SchemaStore } from '../../src/schemas/store.js';
import { projectWith, sharedAvailable, sharedSkipReason } from '../verify/support/schema-fixture.js';

if (!sharedAvailable) console.warn(`skipped: ${sharedSkipReason}`);

describe.skipIf(!sharedAvailable)('lookup tools for the IaC Engineer', () => {
  let store: SchemaStore;
  let projectRoot: string;
  beforeAll(async () => {
    ({ store, projectRoot } = await projectWith(['upjet', 'crossplane', 'terraform']));
  });
  const tool = async (name: string) =>
    (await createLookupTools(projectRoot, { store })).find(
      (candidate) => candidate.definition.name === name,
    )!;

  it('offers three tools with zod parameters', async () => {
    const tools = await createLookupTools(projectRoot, { store });
    expect(tools.map((candidate) => candidate.definition.name)).toEqual([
      'list_resource_types',
      'describe_resource',
      'describe_field',
    ]);
    expect(tools[1].definition.parameters.safeParse({ apiVersion: 'x' }).success).toBe(true);
  });

  it('list_resource_types finds the namespaced and cluster Keyspaces Table', async () => {
    const answer = JSON.parse(
      await (await tool('list_resource_types')).run({ query: 'keyspaces table' }),
    ) as Array<{ apiVersion?: string; kind: string }>;
    expect(
      answer
        .filter((match) => match.kind === 'Table')
        .map((match) => match.apiVersion)
        .sort(),
    ).toEqual(['keyspaces.aws.m.upbound.io/v1beta1', 'keyspaces.aws.upbound.io/v1beta2']);
  });

  it('describe_resource lists versions, required parameters and forProvider fields', async () => {
    const answer = JSON.parse(
      await (
        await tool('describe_resource')
      ).run({ apiVersion: 'keyspaces.aws.upbound.io/v1beta2', kind: 'Table' }),
    ) as Record<string, unknown>;
    expect(answer).toMatchObject({
      versions: ['v1beta1', 'v1beta2'],
      fieldsPath: 'spec.forProvider',
      requiredParameters: ['spec.forProvider.schemaDefinition', 'spec.forProvider.tableName'],
    });
    expect(
      (answer.fields as Array<{ name: string; type: string }>).find(
        (field) => field.name === 'pointInTimeRecovery',
      )?.type,
    ).toBe('object');
  });

  it('describe_field gives type, description and children, and shapes differ by version', async () => {
    const run = (await tool('describe_field')).run;
    const v1beta1 = JSON.parse(
      await run({
        apiVersion: 'keyspaces.aws.upbound.io/v1beta1',
        kind: 'Table',
        path: 'spec.forProvider.pointInTimeRecovery',
      }),
    ) as { type: string; children: Array<{ name: string }> };
    expect(v1beta1.type).toBe('array of object');
    expect(v1beta1.children.map((child) => child.name)).toEqual(['status']);
    const wrong = JSON.parse(
      await run({
        apiVersion: 'keyspaces.aws.upbound.io/v1beta2',
        kind: 'Table',
        path: 'spec.forProvider.keyspacName',
      }),
    ) as { error: string };
    expect(wrong.error).toContain('did you mean keyspaceName');
  });

  it('describe_field works for Terraform and CloudFormation types', async () => {
    const run = (await tool('describe_field')).run;
    expect(
      JSON.parse(await run({ apiVersion: 'aws_s3_bucket_versioning', path: 'versioning_configuration' })),
    ).toMatchObject({ type: 'array of object', required: true });
    expect(
      JSON.parse(await run({ apiVersion: 'AWS::S3::Bucket', path: 'VersioningConfiguration.Status' })),
    ).toMatchObject({ type: 'string (one of Enabled, Suspended)', required: true });
  });

  it('answers bad input with an error the model can read', async () => {
    expect(JSON.parse(await (await tool('describe_field')).run({ kind: 'Table' }))).toHaveProperty('error');
  });

  it('builds a schema lock and warns when the schema changed', async () => {
    const lock = await buildSchemaLock(
      projectRoot,
      [
        { apiVersion: 'keyspaces.aws.m.upbound.io/v1beta1', kind: 'Table' },
        { type: 'aws_s3_bucket' },
        { type: 'aws_nothing_here' },
      ],
      { store },
    );
    expect(
      lock.resources.map((resource) => [resource.resource, resource.version, resource.source.name]),
    ).toEqual([
      ['aws_s3_bucket', '6.25.0', 'terraform-provider-aws (test subset)'],
      ['keyspaces.aws.m.upbound.io/v1beta1 Table', 'v1beta1', 'provider-upjet-aws'],
    ]);
    expect(lock.missing).toEqual(['aws_nothing_here']);
    expect(await checkSchemaLock(projectRoot, lock, { store })).toEqual([]);
    const changed = {
      ...lock,
      resources: lock.resources.map((resource) => ({
        ...resource,
        sha256: '0'.repeat(64),
        source: { ...resource.source, version: 'v2.5.0' },
      })),
    };
    const warnings = await checkSchemaLock(projectRoot, changed, { store });
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain(
      'planned against provider-upjet-aws v2.5.0, now checked against provider-upjet-aws v2.6.0',
    );
  });
});

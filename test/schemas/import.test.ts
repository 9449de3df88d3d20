import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSchemas } from '../../src/schemas/import.js';
import { nameAndVersion } from '../../src/schemas/read-source.js';
import { SchemaStore } from '../../src/schemas/store.js';
import { readTar } from '../../src/schemas/tar-reader.js';
import { providerSchemaKinds } from '../../src/schemas/terraform/provider-schema-json.js';
import type { KindSchema, SchemaNode } from '../../src/schemas/schema-node.js';
import {
  crossplaneDirectory,
  sharedAvailable,
  sharedSkipReason,
  terraformSubset,
  upjetDirectory,
} from '../verify/support/schema-fixture.js';

if (!sharedAvailable) console.warn(`skipped: ${sharedSkipReason}`);
const temporary = (prefix: string) => mkdtemp(join(tmpdir(), prefix));

describe('nameAndVersion', () => {
  it('reads name and version from a path', () => {
    expect(nameAndVersion('/x/provider-upjet-aws-v2.6.0-crds.tar.gz')).toEqual({
      name: 'provider-upjet-aws',
      version: 'v2.6.0',
    });
    expect(nameAndVersion('/x/crossplane-v2.3.4')).toEqual({ name: 'crossplane', version: 'v2.3.4' });
    expect(nameAndVersion('/x/my-crds')).toEqual({ name: 'my', version: 'unversioned' });
  });
});

describe.skipIf(!sharedAvailable)('schemas import (real CRDs)', () => {
  let cacheDirectory: string;
  beforeAll(async () => {
    cacheDirectory = await temporary('ik-cache-');
  });

  it('imports a directory into the user cache, registers it, and a second project reuses the cache', async () => {
    const first = await temporary('ik-project-');
    const imported = await importSchemas(upjetDirectory, { projectRoot: first, cacheDirectory });
    expect(imported.fromCache).toBe(false);
    expect(imported.manifest.kinds).toHaveLength(26);
    expect(imported.manifest.source).toMatchObject({
      name: 'provider-upjet-aws',
      version: 'v2.6.0',
      tool: 'crossplane',
    });
    const index = JSON.parse(await readFile(join(first, '.infrakit/schemas/index.json'), 'utf8')) as {
      packs: Array<{ kinds: number }>;
    };
    expect(index.packs[0].kinds).toBe(26);
    const second = await temporary('ik-project-');
    expect((await importSchemas(upjetDirectory, { projectRoot: second, cacheDirectory })).fromCache).toBe(
      true,
    );
  });

  it('records served and storage versions per kind', async () => {
    const projectRoot = await temporary('ik-project-');
    await importSchemas(upjetDirectory, { projectRoot, cacheDirectory });
    const store = await SchemaStore.open(projectRoot, { cacheDirectory, autoCore: false });
    const table = await store.find('keyspaces.aws.upbound.io/Table');
    expect(table?.entry.versions).toEqual([
      { name: 'v1beta1', served: true, storage: false, deprecated: true },
      { name: 'v1beta2', served: true, storage: true },
    ]);
    expect(table?.entry.scope).toBe('Cluster');
    const kind = (await store.load('keyspaces.aws.upbound.io/Table')) as KindSchema;
    expect(kind.versions[1].requiredParameters).toEqual([
      'spec.forProvider.schemaDefinition',
      'spec.forProvider.tableName',
    ]);
  });

  it('imports a .tar.gz of CRDs', async () => {
    const work = await temporary('ik-tar-');
    const archive = join(work, 'crossplane-v2.3.4-crds.tar.gz');
    const tar = await execa('tar', ['czf', archive, '-C', crossplaneDirectory, '.'], { reject: false });
    if (tar.exitCode !== 0)
      return console.warn('skipped: system tar is not available to build the test archive');
    expect(readTar(await readFile(archive)).filter((entry) => entry.name.endsWith('.yaml'))).toHaveLength(5);
    const projectRoot = await temporary('ik-project-');
    const imported = await importSchemas(archive, { projectRoot, cacheDirectory });
    expect(imported.manifest.source).toMatchObject({ name: 'crossplane', version: 'v2.3.4' });
    expect(imported.manifest.kinds.map((kind) => kind.kind).sort()).toEqual([
      'CompositeResourceDefinition',
      'Composition',
      'EnvironmentConfig',
      'Function',
      'GoTemplate',
    ]);
  });

  it('rebuilds a pack that vanished from the cache, from its origin', async () => {
    const projectRoot = await temporary('ik-project-');
    const own = await temporary('ik-cache-');
    await importSchemas(crossplaneDirectory, { projectRoot, cacheDirectory: own });
    const emptied = await temporary('ik-cache-');
    const store = await SchemaStore.open(projectRoot, { cacheDirectory: emptied, autoCore: false });
    expect(await store.find('apiextensions.crossplane.io/Composition')).toBeDefined();
  });
});

describe('schemas import: errors and Terraform sources', () => {
  it('refuses a path with no schema in it, naming the path', async () => {
    const projectRoot = await temporary('ik-project-');
    await mkdir(join(projectRoot, 'empty'));
    await expect(
      importSchemas(join(projectRoot, 'empty'), {
        projectRoot,
        cacheDirectory: await temporary('ik-cache-'),
      }),
    ).rejects.toThrow(/no CustomResourceDefinition.*empty/);
    await expect(importSchemas(join(projectRoot, 'missing'), { projectRoot })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('imports the derived @cdktf/provider-aws subset index', async () => {
    const projectRoot = await temporary('ik-project-');
    const imported = await importSchemas(terraformSubset, {
      projectRoot,
      cacheDirectory: await temporary('ik-cache-'),
    });
    expect(imported.manifest.source.tool).toBe('terraform');
    expect(imported.manifest.kinds.map((kind) => kind.key)).toContain('aws_s3_bucket_versioning');
  });

  it('reads `providers schema -json` output (built from the derived subset attribute names)', async () => {
    const subset = JSON.parse(await readFile(terraformSubset, 'utf8')) as { kinds: KindSchema[] };
    const toBlock = (node: SchemaNode): Record<string, unknown> => {
      const attributes: Record<string, unknown> = {};
      const blocks: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        const required = node.required?.includes(name) ?? false;
        if (child.type === 'array' && child.items?.properties)
          blocks[name] = { nesting_mode: 'list', min_items: required ? 1 : 0, block: toBlock(child.items) };
        else
          attributes[name] = {
            type:
              child.type === 'array'
                ? ['list', 'string']
                : child.type === 'object'
                  ? ['map', 'string']
                  : child.type === 'boolean'
                    ? 'bool'
                    : (child.type ?? 'dynamic'),
            required,
            optional: !required,
          };
      }
      return { attributes, block_types: blocks };
    };
    const json = {
      format_version: '1.0',
      provider_schemas: {
        'registry.opentofu.org/hashicorp/aws': {
          resource_schemas: Object.fromEntries(
            subset.kinds.map((kind) => [kind.key, { version: 0, block: toBlock(kind.versions[0].schema) }]),
          ),
        },
      },
    };
    const kinds = providerSchemaKinds(json, '6.25.0');
    const versioning = kinds.find((kind) => kind.key === 'aws_s3_bucket_versioning')!;
    expect(versioning.group).toBe('aws');
    expect(versioning.versions[0].schema.required).toEqual(['bucket', 'versioning_configuration']);
    expect(versioning.versions[0].schema.properties?.versioning_configuration?.items?.required).toEqual([
      'status',
    ]);
  });
});

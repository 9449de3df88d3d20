import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importSchemas } from '../../../src/schemas/import.js';
import { SchemaStore } from '../../../src/schemas/store.js';

/** The project root of this repository, and ../shared beside it (the real CRDs). */
export const repositoryRoot = resolve(import.meta.dirname, '../../..');
export const sharedDirectory = resolve(repositoryRoot, '..', 'shared');
export const upjetDirectory = join(sharedDirectory, 'crds', 'provider-upjet-aws-v2.6.0');
export const crossplaneDirectory = join(sharedDirectory, 'crds', 'crossplane-v2.3.4');
export const fixturesDirectory = resolve(repositoryRoot, 'test/fixtures/verify');
export const terraformSubset = join(fixturesDirectory, 'schemas/cdktf-aws-subset.json');

/** Whether the real CRDs are present; tests that need them skip visibly when not. */
export const sharedAvailable = existsSync(upjetDirectory) && existsSync(crossplaneDirectory);
export const sharedSkipReason = `the real CRDs are not at ${upjetDirectory} (../shared beside the project)`;

/**
 * One cache shared by the test files of a run (the CloudFormation spec is derived once, ~5 s), and a
 * fresh project per call with the requested sources imported.
 */
export const sharedCacheDirectory = join(tmpdir(), 'infrakit-test-schema-cache');

/** A temp project (copy of nothing) with the given schema sources imported. */
export async function projectWith(
  sources: Array<'upjet' | 'crossplane' | 'terraform'>,
): Promise<{ projectRoot: string; store: SchemaStore }> {
  const projectRoot = await mkdtemp(join(tmpdir(), 'ik-verify-'));
  await mkdir(join(projectRoot, '.infrakit'), { recursive: true });
  const paths = { upjet: upjetDirectory, crossplane: crossplaneDirectory, terraform: terraformSubset };
  for (const source of sources)
    await importSchemas(paths[source], { projectRoot, cacheDirectory: sharedCacheDirectory });
  const store = await SchemaStore.open(projectRoot, {
    cacheDirectory: sharedCacheDirectory,
    autoCore: false,
  });
  return { projectRoot, store };
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../src/schemas/store.js';
import { verifyPaths } from '../../src/verify/verify-paths.js';
import { projectWith, repositoryRoot, sharedAvailable, sharedSkipReason } from './support/schema-fixture.js';

const examples = join(repositoryRoot, 'examples');
const present = (path: string) => existsSync(join(examples, path));
if (!sharedAvailable) console.warn(`skipped: ${sharedSkipReason}`);
console.warn(
  'skipped: examples/crossplane/postgresql needs rds SubnetGroup from the full 2,043-CRD tarball (see bench/p4-verify.mjs); not imported in unit tests',
);

describe.skipIf(!sharedAvailable)('the shipped examples verify clean', () => {
  let store: SchemaStore;
  beforeAll(async () => {
    store = (await projectWith(['upjet', 'crossplane', 'terraform'])).store;
  });

  it.each([
    'crossplane/cassandra-keyspace',
    'crossplane/cassandra-keyspace-v1',
    'cloudformation/s3-secure-bucket',
    'terraform/s3-secure-bucket',
  ])('%s', async (example) => {
    if (!present(example)) return console.warn(`skipped: examples/${example} is absent`);
    const result = await verifyPaths(['.'], { projectRoot: join(examples, example), store });
    expect(result.resources).toBeGreaterThan(0);
    expect(result.findings.filter((finding) => finding.severity === 'high')).toEqual([]);
  });
});

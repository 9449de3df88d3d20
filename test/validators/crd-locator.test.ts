import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSharedDirectory, locateCrds } from '../../src/validators/crd-locator.js';

const shared = findSharedDirectory(join(import.meta.dirname, '..', '..'));
if (!shared) console.warn('skipped: ../shared/crds is absent');

describe.skipIf(!shared)('locateCrds', () => {
  it('finds kinds in the shared subset, falls back to the full tarball, and reports kinds with no CRD', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'infrakit-crds-'));
    const found = await locateCrds(
      shared as string,
      [
        { group: 'keyspaces.aws.m.upbound.io', kind: 'Table' },
        { group: 'rds.aws.m.upbound.io', kind: 'SubnetGroup' },
        { group: 'keyspaces.aws.m.upbound.io', kind: 'Tabel' },
      ],
      scratch,
      { PATH: process.env.PATH },
    );
    expect(found.files.map((file) => basename(file)).sort()).toEqual([
      'keyspaces.aws.m.upbound.io_tables.yaml',
      'rds.aws.m.upbound.io_subnetgroups.yaml',
    ]);
    expect(found.missing).toEqual(['keyspaces.aws.m.upbound.io/Tabel']);
  });
});

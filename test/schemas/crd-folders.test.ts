import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crdFolderSources } from '../../src/schemas/discover/crd-folders.js';

const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});

async function layout(names: string[]): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'infrakit-crd-folders-'));
  created.push(parent);
  for (const name of names) {
    const path = join(parent, 'crds', name);
    if (name.includes('.')) {
      await mkdir(join(parent, 'crds'), { recursive: true });
      await writeFile(path, '');
    } else await mkdir(path, { recursive: true });
  }
  return parent;
}

describe('crdFolderSources', () => {
  it('takes the newest core set and the full provider tarball over its folder, beside the project', async () => {
    const parent = await layout([
      'crossplane-v2.3.4',
      'crossplane-v2.10.0',
      'provider-upjet-aws-v2.6.0',
      'provider-upjet-aws-v2.6.0-crds.tar.gz',
      'provider-upjet-gcp-v1.0.0',
    ]);
    expect(crdFolderSources(join(parent, 'project'), {})).toEqual([
      { path: join(parent, 'crds', 'crossplane-v2.10.0'), from: 'beside the project' },
      { path: join(parent, 'crds', 'provider-upjet-aws-v2.6.0-crds.tar.gz'), from: 'beside the project' },
    ]);
  });

  it('puts INFRAKIT_CRDS first, as a folder of sources or as one source', async () => {
    const parent = await layout(['provider-upjet-aws-v2.6.0']);
    const single = join(parent, 'my-crds.yaml');
    await writeFile(single, '');
    expect(crdFolderSources(join(parent, 'x', 'project'), { INFRAKIT_CRDS: single })).toEqual([
      { path: single, from: 'INFRAKIT_CRDS' },
    ]);
    expect(crdFolderSources(join(parent, 'project'), { INFRAKIT_CRDS: join(parent, 'crds') })).toEqual([
      { path: join(parent, 'crds', 'provider-upjet-aws-v2.6.0'), from: 'INFRAKIT_CRDS' },
    ]);
  });
});

import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanFiles, type SkippedEntry } from '../../src/fs/scan-files.js';

const options = (skipped?: SkippedEntry[]) => ({
  includeFile: (name: string) => name.endsWith('.yaml'),
  includeFolder: (name: string) => !name.startsWith('.'),
  skipped,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('scanFiles', () => {
  it('lists the wanted files in localeCompare order, folders included, others left out', async () => {
    const root = await mkdtemp(join(tmpdir(), 'infrakit-scan-'));
    for (const name of ['b.yaml', 'A.yaml', 'a.yaml', 'notes.txt', '_c.yaml'])
      await writeFile(join(root, name), '');
    await mkdir(join(root, 'Sub'));
    await writeFile(join(root, 'Sub', 'x.yaml'), '');
    await mkdir(join(root, '.hidden'));
    await writeFile(join(root, '.hidden', 'y.yaml'), '');
    await symlink('/nowhere', join(root, 'gone.yaml'));
    const skipped: SkippedEntry[] = [];
    const files = await scanFiles(root, options(skipped));
    const expected = ['_c.yaml', 'a.yaml', 'A.yaml', 'b.yaml', 'Sub/x.yaml'].map((name) => join(root, name));
    expect(files).toEqual(expected);
    expect(skipped).toEqual([
      { file: 'gone.yaml', reason: 'a symlink to something that does not exist (dangling); skipped' },
    ]);
  });

  it('sorts nothing in a folder that holds one candidate (no collator started on a cold verify)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'infrakit-scan-'));
    await writeFile(join(root, 'composition.yaml'), '');
    await writeFile(join(root, 'README.md'), '');
    await mkdir(join(root, '.infrakit'));
    await mkdir(join(root, '.git'));
    const compare = vi.spyOn(String.prototype, 'localeCompare');
    expect(await scanFiles(root, options())).toEqual([join(root, 'composition.yaml')]);
    expect(compare).not.toHaveBeenCalled();
  });
});

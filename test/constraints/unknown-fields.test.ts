import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { droppedFields, findUnknownFields } from '../../src/constraints/unknown-fields.js';
import { initProject } from '../../src/project/init.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');

describe('unknown constraint fields', () => {
  it('lists keys the schema dropped, with their paths', () => {
    expect(droppedFields({ a: 1, b: [{ c: 1, typo: 2 }] }, { a: 1, b: [{ c: 1 }] })).toEqual(['b[0].typo']);
    expect(droppedFields({ a: 1 }, { a: 1, defaulted: true })).toEqual([]);
  });

  it('finds a misspelt baseline field that would otherwise be ignored', async () => {
    const root = await mkdtemp(join(tmpdir(), 'infrakit-unknown-'));
    await initProject({ directory: '.', cwd: root, iac: 'crossplane', git: false, templatesDirectory });
    expect(await findUnknownFields(root)).toEqual([]);
    const file = join(root, '.infrakit', 'context.md');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '    pointInTimeRecovery: true\n    deletionProtection: true',
        '    pointInTimeRecover: true\n    deletionProtection: true',
      ),
    );
    expect(await findUnknownFields(root)).toEqual([
      '.infrakit/context.md: environments[2].pointInTimeRecover: unknown field (ignored)',
    ]);
  });
});

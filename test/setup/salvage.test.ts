import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/constraints/front-matter.js';
import { ContextSchema } from '../../src/constraints/schema.js';
import { initProject } from '../../src/project/init.js';
import { readSetupBase } from '../../src/setup/setup-base.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');
const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});

describe('setup on a broken context.md keeps every value that still parses', () => {
  it('keeps the region and the rest, renames a misspelt key, and repairs only the invalid value', async () => {
    const root = await mkdtemp(join(tmpdir(), 'infrakit-salvage-'));
    created.push(root);
    await initProject({
      directory: '.',
      cwd: root,
      iac: 'crossplane',
      region: 'eu-central-1',
      git: false,
      templatesDirectory,
    });
    const file = join(root, '.infrakit', 'context.md');
    const original = await readFile(file, 'utf8');
    const prod = original.lastIndexOf('deletionProtection: true');
    const broken =
      `${original.slice(0, prod)}deletionProtecton: true${original.slice(prod + 'deletionProtection: true'.length)}`.replace(
        /^provider: aws$/m,
        'provider: gcp',
      );
    await writeFile(file, broken);

    const base = await readSetupBase(root, templatesDirectory);
    expect(base.context.replaced).toBeUndefined();
    expect(base.context.repaired?.changes).toEqual([
      expect.stringMatching(/^provider: .*the template's value is used$/),
      expect.stringMatching(/deletionProtecton: unknown field, renamed to deletionProtection$/),
    ]);
    expect(base.context.value.region).toBe('eu-central-1');
    expect(base.context.before).toBe(broken);
    // the repaired front matter is the original one again (the renamed key moves last): nothing else was lost
    expect(splitFrontMatter(base.context.text).data).toEqual(splitFrontMatter(original).data);
    expect(splitFrontMatter(base.context.text).body).toBe(splitFrontMatter(original).body);
    expect(ContextSchema.safeParse(splitFrontMatter(base.context.text).data).success).toBe(true);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConstraints, loadConstraints } from '../../src/constraints/load.js';
import { InfrakitError } from '../../src/errors/index.js';
import { initProject } from '../../src/project/init.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');
const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});

async function projectWith(edit: (text: string) => string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'infrakit-strict-'));
  created.push(root);
  await initProject({ directory: '.', cwd: root, iac: 'crossplane', git: false, templatesDirectory });
  const file = join(root, '.infrakit', 'context.md');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  return root;
}

describe('unknown front-matter keys are errors with a did-you-mean', () => {
  it('a misspelt prod baseline field fails loading (exit 3) instead of weakening prod', async () => {
    const root = await projectWith((text) => {
      const prod = text.lastIndexOf('deletionProtection: true');
      return `${text.slice(0, prod)}deletionProtecton: true${text.slice(prod + 'deletionProtection: true'.length)}`;
    });
    const error = await loadConstraints(root).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(InfrakitError.isInstance(error) && error.exitCode).toBe(3);
    const { problems } = await checkConstraints(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^\.infrakit\/context\.md: environments\[\d\]\.baseline\.deletionProtecton: unknown field; did you mean "deletionProtection"\?$|^\.infrakit\/context\.md: environments\[\d\]\.deletionProtecton: unknown field; did you mean "deletionProtection"\?$/,
    );
  });

  it('a top-level typo is named with the closest top-level key', async () => {
    const root = await projectWith((text) => text.replace(/^region:/m, 'regoin: eu-west-1\nregion:'));
    expect((await checkConstraints(root)).problems).toEqual([
      '.infrakit/context.md: regoin: unknown field; did you mean "region"?',
    ]);
  });

  it('a key with nothing close is still an error, pointing at the documentation', async () => {
    const root = await projectWith((text) => text.replace(/^region:/m, 'favouriteColour: blue\nregion:'));
    expect((await checkConstraints(root)).problems).toEqual([
      '.infrakit/context.md: favouriteColour: unknown field (remove it, or see docs/configuration.md for the fields this file takes)',
    ]);
  });

  it('a fresh project from every template has no unknown field', async () => {
    const root = await projectWith((text) => text);
    expect((await checkConstraints(root)).problems).toEqual([]);
  });
});

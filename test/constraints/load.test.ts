import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkConstraints, loadConstraints } from '../../src/constraints/load.js';
import { ConfigError } from '../../src/errors/index.js';
import { initProject } from '../../src/project/init.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'infrakit-constraints-'));
  await initProject({ directory: '.', cwd: root, iac: 'crossplane', git: false, templatesDirectory });
});

/** Rewrites one constraint file with a text substitution, failing if the pattern is absent. */
async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const path = join(root, '.infrakit', file);
  const text = await readFile(path, 'utf8');
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  await writeFile(path, changed);
}

async function problems(): Promise<string[]> {
  try {
    await loadConstraints(root);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.exitCode).toBe(3);
    expect(configError.message).toContain(configError.problems[0]);
    return configError.problems;
  }
  throw new Error('expected the constraints to be rejected');
}

describe('constraint front matter errors name the file, the field path and what was expected', () => {
  it('accepts the files init writes', async () => {
    expect((await checkConstraints(root)).problems).toEqual([]);
  });

  it('a scalar where a list belongs', async () => {
    await edit('context.md', /environments:\n(?: {2}.*\n)+(?=compliance)/, 'environments: 42\n');
    expect(await problems()).toEqual([
      '.infrakit/context.md: environments: expected a list of environments, got 42',
    ]);
  });

  it('a wrong type deep in a list item', async () => {
    await edit('context.md', /(- name: staging\n(?: {4}.*\n)*? {4}publicAccess:) false/, '$1 no');
    expect(await problems()).toEqual([
      '.infrakit/context.md: environments[1].publicAccess: expected true or false, got "no"',
    ]);
  });

  it('a value outside an enum in a list', async () => {
    await edit('context.md', 'compliance: [soc2, pci-dss]', 'compliance: [soc2, soc3]');
    expect(await problems()).toEqual([
      '.infrakit/context.md: compliance[1]: expected one of soc2, hipaa, pci-dss, iso27001, nist-800-53, cis, fedramp, got "soc3"',
    ]);
  });

  it('a missing required field', async () => {
    await edit('context.md', /^region: .*\n/m, '');
    expect(await problems()).toEqual([
      '.infrakit/context.md: region: expected a region such as us-east-1, got nothing',
    ]);
  });

  it('an unknown IaC tool in the coding style', async () => {
    await edit('coding-style.md', 'iac: crossplane', 'iac: pulumi');
    expect(await problems()).toEqual([
      '.infrakit/coding-style.md: iac: expected one of crossplane, terraform, cloudformation, got "pulumi"',
    ]);
  });

  it('a constant tag without its value, and a parameter tag without its source', async () => {
    await edit('tagging-standard.md', '    value: crossplane\n', '');
    await edit('tagging-standard.md', '    from: spec.parameters.costCenter\n', '');
    expect(await problems()).toEqual([
      '.infrakit/tagging-standard.md: tags[1].value: expected a value for a tag whose source is constant',
      '.infrakit/tagging-standard.md: tags[3].from: expected "from" (the parameter the value comes from)',
    ]);
  });

  it('an invalid nested value under crossplane', async () => {
    await edit('context.md', 'version: v2', 'version: v3');
    expect(await problems()).toEqual([
      '.infrakit/context.md: crossplane.version: expected v1 or v2, got "v3"',
    ]);
  });

  it('a YAML syntax error, with its line', async () => {
    await edit('context.md', 'provider: aws', 'provider: [aws');
    const found = await problems();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^\.infrakit\/context\.md: YAML front matter: line 4: /);
  });

  it('no front matter at all', async () => {
    await writeFile(join(root, '.infrakit', 'coding-style.md'), '# just prose\n');
    expect(await problems()).toEqual([
      '.infrakit/coding-style.md: expected YAML front matter between "---" lines at the top of the file',
    ]);
  });

  it('a missing file, and collects problems from every file before reporting', async () => {
    await rm(join(root, '.infrakit', 'tagging-standard.md'));
    await edit('context.md', 'region: us-east-1', 'region: moon');
    expect(await problems()).toEqual([
      '.infrakit/context.md: region: expected a region such as us-east-1, got "moon"',
      '.infrakit/tagging-standard.md: the file is missing (run "infrakit init" or "infrakit setup")',
    ]);
  });
});

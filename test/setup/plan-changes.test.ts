import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { ConfigError } from '../../src/errors/index.js';
import { initProject } from '../../src/project/init.js';
import { CodingStyleAnswersSchema, SetupAnswersSchema } from '../../src/setup/answers-schema.js';
import { planCodingStyleChanges, planContextChanges } from '../../src/setup/plan-changes.js';
import { readSetupBase } from '../../src/setup/setup-base.js';
import { writeChanges } from '../../src/setup/write-changes.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');

async function project(iac: 'crossplane' | 'terraform' | 'cloudformation' = 'crossplane'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'infrakit-setup-'));
  await initProject({ directory: '.', cwd: root, iac, git: false, templatesDirectory });
  return root;
}

describe('planContextChanges', () => {
  it('applies answers, keeps what they leave out, and keeps comments and the body', async () => {
    const root = await project();
    const base = await readSetupBase(root, templatesDirectory);
    const answers = SetupAnswersSchema.parse({
      region: 'eu-central-1',
      environments: ['dev', { name: 'prod', multiAz: false }, 'sandbox-eu'],
      tags: ['environment', 'team', 'owner'],
    });
    const changes = planContextChanges(base, answers, 'answers.yaml');
    expect(changes.map((change) => change.path)).toEqual([
      '.infrakit/context.md',
      '.infrakit/tagging-standard.md',
    ]);
    await writeChanges(root, changes, 'unused');
    const constraints = await loadConstraints(root);
    expect(constraints.context.region).toBe('eu-central-1');
    expect(constraints.context.compliance).toEqual(['soc2', 'pci-dss']);
    expect(
      constraints.context.environments.map((environment) => [
        environment.name,
        environment.multiAz,
        environment.deletionProtection,
      ]),
    ).toEqual([
      ['dev', false, false],
      ['prod', false, true],
      ['sandbox-eu', false, false],
    ]);
    expect(constraints.tagging.tags).toEqual([
      expect.objectContaining({ key: 'environment', allowed: ['dev', 'prod', 'sandbox-eu'] }),
      expect.objectContaining({ key: 'team', source: 'parameter', from: 'spec.parameters.team' }),
      { key: 'owner', source: 'parameter', from: 'spec.parameters.owner' },
    ]);
    const context = await readFile(join(root, '.infrakit', 'context.md'), 'utf8');
    expect(context).toContain('# Set v1 only if your control plane still serves claims (legacy model).');
    expect(context).toContain('## Crossplane model');
  });

  it('returns no change when the answers repeat the current values', async () => {
    const root = await project('terraform');
    const base = await readSetupBase(root, templatesDirectory);
    expect(
      planContextChanges(
        base,
        SetupAnswersSchema.parse({ region: 'us-east-1', compliance: ['soc2', 'pci-dss'] }),
        'a.yaml',
      ),
    ).toEqual([]);
  });

  it('derives new tag sources in the tool idiom', async () => {
    const root = await project('cloudformation');
    const base = await readSetupBase(root, templatesDirectory);
    const [tagging, ...others] = planContextChanges(
      base,
      SetupAnswersSchema.parse({ tags: ['business-unit'] }),
      'a.yaml',
    );
    expect(others).toEqual([]);
    expect(tagging.path).toBe('.infrakit/tagging-standard.md');
    expect(tagging.after).toContain('key: business-unit\n    source: parameter\n    from: BusinessUnit');
  });

  it('names the answers file when the result would be invalid', async () => {
    const root = await project();
    const base = await readSetupBase(root, templatesDirectory);
    const attempt = () =>
      planContextChanges(base, SetupAnswersSchema.parse({ environments: ['dev', 'dev'] }), 'answers.yaml');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('answers.yaml: environments: expected unique environment names');
  });

  it("repairs an invalid value from the template's, keeping the rest of the file", async () => {
    const root = await project();
    await writeFile(join(root, '.infrakit', 'tagging-standard.md'), '---\ntags: 7\n---\n');
    const base = await readSetupBase(root, templatesDirectory);
    expect(base.tagging.replaced).toBeUndefined();
    expect(base.tagging.repaired).toEqual({
      problems: '.infrakit/tagging-standard.md: tags: expected a list of mandatory tags, got 7',
      changes: ["tags: expected a list of mandatory tags, got 7; the template's value is used"],
    });
    const changes = planContextChanges(base, SetupAnswersSchema.parse({}), 'a.yaml');
    await writeChanges(root, changes, 'unused');
    expect((await loadConstraints(root)).tagging.tags).toHaveLength(6);
  });

  it('starts a file whose front matter is not YAML again from the template', async () => {
    const root = await project();
    await writeFile(join(root, '.infrakit', 'tagging-standard.md'), '---\ntags: [\n---\n');
    const base = await readSetupBase(root, templatesDirectory);
    expect(base.tagging.replaced).toMatch(/^\.infrakit\/tagging-standard\.md: YAML front matter: line 2/);
  });
});

describe('planCodingStyleChanges', () => {
  it('sets Terraform pins and an S3 backend', async () => {
    const root = await project('terraform');
    const base = await readSetupBase(root, templatesDirectory);
    const answers = CodingStyleAnswersSchema.parse({
      versionPinning: 'exact',
      validator: 'terraform-validate',
      terraform: { awsProviderVersion: '6.20.0', backend: { type: 's3', bucket: 'acme-state' } },
      maxRepairRounds: 3,
    });
    await writeChanges(root, planCodingStyleChanges(base, answers, 'style.yaml'), 'unused');
    const { codingStyle } = await loadConstraints(root);
    expect(codingStyle).toMatchObject({
      versionPinning: 'exact',
      validator: 'terraform-validate',
      maxRepairRounds: 3,
      terraform: {
        awsProviderVersion: '6.20.0',
        backend: { type: 's3', config: { bucket: 'acme-state', use_lockfile: true } },
      },
    });
  });
});

describe('switching the Crossplane model', () => {
  it('swaps the owner tag for the claim labels on v1, and back on v2', async () => {
    const root = await project('crossplane');
    const toV1 = planContextChanges(
      await readSetupBase(root, templatesDirectory),
      SetupAnswersSchema.parse({ crossplane: { version: 'v1' } }),
      'a.yaml',
    );
    await writeChanges(root, toV1, 'unused');
    const v1 = await loadConstraints(root);
    expect(v1.context.crossplane?.version).toBe('v1');
    expect(v1.tagging.tags.map((tag) => tag.key)).toEqual([
      'crossplane.io/claim-name',
      'crossplane.io/claim-namespace',
      'managed-by',
      'environment',
      'cost-center',
      'team',
      'data-classification',
    ]);
    const toV2 = planContextChanges(
      await readSetupBase(root, templatesDirectory),
      SetupAnswersSchema.parse({ crossplane: { version: 'v2' } }),
      'a.yaml',
    );
    await writeChanges(root, toV2, 'unused');
    expect((await loadConstraints(root)).tagging.tags[0]).toMatchObject({
      key: 'crossplane.io/composite',
      source: 'label',
    });
  });
});

import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../src/schemas/store.js';
import { renderAndVerify } from '../../src/verify/render-compositions.js';
import { FAKE_CRANK, FAKE_FUNCTION, fakeBinDirectory, writeFakeBinary } from '../validators/fake-tools.js';
import {
  projectWith,
  repositoryRoot,
  sharedAvailable,
  sharedCacheDirectory,
  sharedSkipReason,
  upjetDirectory,
} from './support/schema-fixture.js';
import { cliBuilt, notBuiltReason, runCli } from '../cli/run-cli.js';

const example = join(
  repositoryRoot,
  'examples/crossplane/cassandra-keyspace/compositions/cassandra-keyspace',
);
const folder = 'compositions/cassandra-keyspace';
const composition = `${folder}/composition.yaml`;
const xrDev = `${folder}/examples/xr-dev.yaml`;
if (!sharedAvailable) console.warn(`skipped: ${sharedSkipReason}`);
if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

/** The fake crank, with a wrong field planted in the KMS Key it renders. */
const PLANTED_CRANK = FAKE_CRANK.replace('    region: eu-west-1', '    regoin: eu-west-1');

/** A folder holding fake crank (clean or planted) and function-go-templating. */
async function fakeTools(crank: string): Promise<string> {
  const bin = await fakeBinDirectory();
  await writeFakeBinary(bin, 'crank', crank);
  await writeFakeBinary(bin, 'function-go-templating', FAKE_FUNCTION);
  return bin;
}

/** A temp project with the worked example's composition folder (composition, XRD, XRs, observed). */
async function exampleProject(projectRoot?: string): Promise<string> {
  const root = projectRoot ?? (await mkdtemp(join(tmpdir(), 'ik-render-')));
  await mkdir(join(root, '.infrakit'), { recursive: true });
  await cp(example, join(root, folder), { recursive: true });
  return root;
}

describe('verify --render with fake crank and function-go-templating', () => {
  it('planted fake is really different from the validators engineer fake', () => {
    expect(PLANTED_CRANK).not.toBe(FAKE_CRANK);
    expect(PLANTED_CRANK).toContain('regoin: eu-west-1');
  });

  it('is blocked, naming each missing binary with its install command, when the tools are absent', async () => {
    const empty = await fakeBinDirectory();
    const projectRoot = await exampleProject();
    const result = await renderAndVerify([folder], {
      projectRoot,
      environment: { path: empty, variables: {} },
    });
    expect(result.blocked).toBe(true);
    expect(result.rendered).toEqual([]);
    expect(result.missing).toEqual([
      expect.objectContaining({
        name: 'crank',
        installCommand: 'go install github.com/crossplane/crossplane/v2/cmd/crank@v2.2.4',
      }),
      expect.objectContaining({
        name: 'function-go-templating',
        installCommand: 'go install github.com/crossplane-contrib/function-go-templating@v0.12.2',
      }),
    ]);
  });

  describe.skipIf(!sharedAvailable)('against the real provider-upjet-aws v2.6.0 CRDs', () => {
    let store: SchemaStore;
    let projectRoot: string;
    beforeAll(async () => {
      ({ store, projectRoot } = await projectWith(['upjet', 'crossplane']));
      await exampleProject(projectRoot);
    });

    it('renders each example XR, with and without observed resources, and verifies the output clean', async () => {
      const bin = await fakeTools(FAKE_CRANK);
      const result = await renderAndVerify([folder], {
        projectRoot,
        store,
        environment: { path: bin, variables: {} },
      });
      expect(result.problems).toEqual([]);
      expect(result.blocked).toBe(false);
      expect(result.rendered.map((rendered) => rendered.label).sort()).toEqual([
        `render of ${composition} with ${folder}/examples/xr-dev.yaml`,
        `render of ${composition} with ${folder}/examples/xr-dev.yaml and ${folder}/examples/observed-kms-key.yaml`,
        `render of ${composition} with ${folder}/examples/xr-prod.yaml`,
        `render of ${composition} with ${folder}/examples/xr-prod.yaml and ${folder}/examples/observed-kms-key.yaml`,
      ]);
      expect(result.rendered.every((rendered) => rendered.resources === 1)).toBe(true);
      expect(result.findings.filter((finding) => finding.severity === 'high')).toEqual([]);
      expect(result.ran[0]).toMatch(/^function-go-templating .*--insecure --address 127\.0\.0\.1:\d+$/);
    });

    it('reports a wrong field in the rendered output with its field path, labelled by the render', async () => {
      const bin = await fakeTools(PLANTED_CRANK);
      const result = await renderAndVerify([composition], {
        projectRoot,
        store,
        environment: { path: bin, variables: {} },
      });
      const label = `render of ${composition} with ${xrDev}`;
      const finding = result.findings.find(
        (candidate) => candidate.location.file === label && candidate.ruleId === 'IK-FIELD-UNKNOWN',
      );
      expect(finding, JSON.stringify(result.findings)).toMatchObject({
        ruleId: 'IK-FIELD-UNKNOWN',
        fieldPath: 'spec.forProvider.regoin',
        suggestion: 'did you mean "region"?',
        resourceType: 'kms.aws.m.upbound.io/v1beta1/Key',
        severity: 'high',
      });
      expect(finding?.message).toContain(`(in the output of ${label})`);
      expect(result.findings).toContainEqual(
        expect.objectContaining({
          location: expect.objectContaining({ file: label }),
          ruleId: 'IK-REQUIRED',
        }),
      );
    });
  });
});

describe.skipIf(!cliBuilt)('infrakit verify --render (the built CLI, in-process)', () => {
  const run = (projectRoot: string, path: string, cacheDirectory: string, ...args: string[]) =>
    runCli(args, {
      cwd: projectRoot,
      // PATH given: this environment and nothing else
      env: { PATH: path, HOME: projectRoot, INFRAKIT_CACHE_DIR: cacheDirectory, NO_COLOR: '1' },
    });

  it('exits 5 naming the missing binary and its install command, and still prints the static findings', async () => {
    const projectRoot = await exampleProject();
    const empty = await fakeBinDirectory();
    const cache = await mkdtemp(join(tmpdir(), 'ik-render-cache-'));
    const result = await run(projectRoot, empty, cache, 'verify', folder, '--render');
    expect(result.exitCode, result.stderr).toBe(5);
    expect(result.stderr).toContain(
      '--render: blocked: crank is not installed (crank or crossplane not on PATH or in .tools/bin)',
    );
    expect(result.stderr).toContain('go install github.com/crossplane/crossplane/v2/cmd/crank@v2.2.4');
    expect(result.stdout).toMatch(new RegExp(`^${composition}:\\d+  warning  IK-UNVERIFIABLE`, 'm'));
    expect(result.stdout).toContain('render blocked (crank, function-go-templating missing)');
  });

  it.skipIf(!sharedAvailable)(
    'with fake tools, exits 4 and prints the rendered finding under the render label',
    async () => {
      const projectRoot = await exampleProject();
      const bin = await fakeTools(PLANTED_CRANK);
      const imported = await run(projectRoot, bin, sharedCacheDirectory, 'schemas', 'import', upjetDirectory);
      expect(imported.exitCode, imported.stderr).toBe(0);
      const result = await run(projectRoot, bin, sharedCacheDirectory, 'verify', folder, '--render');
      expect(result.exitCode, result.stderr).toBe(4);
      expect(result.stdout).toMatch(
        new RegExp(
          `^render of ${composition} with ${xrDev}:\\d+  error  IK-FIELD-UNKNOWN  kms\\.aws\\.m\\.upbound\\.io/v1beta1/Key "fake-key"`,
          'm',
        ),
      );
      expect(result.stdout).toContain('did you mean "region"?');
      expect(result.stderr).toMatch(/--render: ran crank .*: render composition\.yaml with xr-dev\.yaml/);
    },
  );
});

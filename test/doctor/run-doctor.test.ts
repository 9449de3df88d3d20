import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IacTool } from '../../src/constraints/schema.js';
import { runDoctor, type DoctorDeps } from '../../src/doctor/run-doctor.js';
import { initProject } from '../../src/project/init.js';
import type { DetectedValidator } from '../../src/validators/detect.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');

const PINS: Record<string, { version: string; binaries: string[]; install: string }> = {
  crank: { version: 'v2.2.4', binaries: ['crank', 'crossplane'], install: 'go install crank' },
  'function-go-templating': {
    version: 'v0.12.2',
    binaries: ['function-go-templating'],
    install: 'go install fgt',
  },
  tofu: { version: 'v1.10.6', binaries: ['tofu'], install: 'build tofu' },
  'cfn-lint': { version: '1.51.0', binaries: ['cfn-lint'], install: 'pip install cfn-lint==1.51.0' },
  checkov: { version: '3.3.30', binaries: ['checkov'], install: 'pip install checkov==3.3.30' },
};

function detected(present: string[]): DetectedValidator[] {
  return Object.entries(PINS).map(([name, pin]) => ({
    name,
    pinnedVersion: pin.version,
    present: present.includes(name),
    path: present.includes(name) ? `/bin/${name}` : undefined,
    version: present.includes(name) ? pin.version : undefined,
    matchesPin: present.includes(name),
    installCommand: pin.install,
    binaries: pin.binaries,
  }));
}

async function project(iac: IacTool): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'infrakit-doctor-'));
  await initProject({ directory: '.', cwd: root, iac, git: false, templatesDirectory });
  return root;
}

function deps(overrides: Partial<DoctorDeps> & { present?: string[]; terraform?: boolean }): DoctorDeps {
  return {
    projectRoot: undefined,
    env: {},
    nodeVersion: '20.20.2',
    gitVersion: async () => '2.39.5',
    detectValidators: async () => detected(overrides.present ?? []),
    detectTerraform: async () =>
      overrides.terraform ? { path: '/bin/terraform', version: 'v1.11.4' } : undefined,
    ...overrides,
  };
}

describe('runDoctor', () => {
  it('blocks a Crossplane project without crank and function-go-templating, naming both with their install commands', async () => {
    const report = await runDoctor(
      deps({ projectRoot: await project('crossplane'), present: ['cfn-lint', 'checkov', 'tofu'] }),
    );
    expect(report.exitCode).toBe(5);
    expect(report.iac).toBe('crossplane');
    const crank = report.checks.find((check) => check.id === 'validator:crank');
    expect(crank).toMatchObject({
      status: 'missing',
      required: true,
      fix: expect.stringContaining('go install crank'),
    });
    expect(report.checks.find((check) => check.id === 'validator:function-go-templating')).toMatchObject({
      status: 'missing',
      fix: 'go install fgt',
    });
    expect(report.summary).toBe(
      'blocked: crank, function-go-templating are required for crossplane (exit 5)',
    );
  });

  it('is ready for Crossplane when both are present, even with cfn-lint missing', async () => {
    const report = await runDoctor(
      deps({ projectRoot: await project('crossplane'), present: ['crank', 'function-go-templating'] }),
    );
    expect(report.exitCode).toBe(0);
    expect(report.checks.find((check) => check.id === 'validator:cfn-lint')?.status).toBe('warn');
  });

  it('accepts terraform in place of tofu, and blocks when neither is there', async () => {
    const root = await project('terraform');
    expect((await runDoctor(deps({ projectRoot: root, terraform: true }))).exitCode).toBe(0);
    expect((await runDoctor(deps({ projectRoot: root, present: ['tofu'] }))).exitCode).toBe(0);
    const blocked = await runDoctor(deps({ projectRoot: root }));
    expect(blocked.exitCode).toBe(5);
    expect(blocked.checks.find((check) => check.id === 'validator:tofu')).toMatchObject({
      status: 'missing',
      fix: 'build tofu',
    });
  });

  it('needs only cfn-lint for CloudFormation', async () => {
    const root = await project('cloudformation');
    expect((await runDoctor(deps({ projectRoot: root, present: ['cfn-lint'] }))).exitCode).toBe(0);
    expect((await runDoctor(deps({ projectRoot: root, present: ['crank', 'tofu'] }))).exitCode).toBe(5);
  });

  it('exits 3 with the formatted problems when the constraints are invalid', async () => {
    const root = await project('terraform');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(root, '.infrakit', 'context.md'),
      '---\nprovider: aws\nregion: us-east-1\nnaming: {pattern: "{env}"}\nenvironments: 42\n---\n',
    );
    const report = await runDoctor(deps({ projectRoot: root, present: ['tofu'] }));
    expect(report.exitCode).toBe(3);
    expect(report.iac).toBe('terraform');
    expect(report.checks.find((check) => check.id === 'constraints')?.problems).toEqual([
      '.infrakit/context.md: environments: expected a list of environments, got 42',
    ]);
  });

  it('reports which provider variables are set, never their values', async () => {
    const secret = 'sk-ant-very-secret-value';
    const report = await runDoctor(
      deps({ env: { ANTHROPIC_API_KEY: secret, INFRAKIT_MODEL: 'x', OPENAI_API_KEY: '' } }),
    );
    const keys = report.checks.find((check) => check.id === 'provider-keys');
    expect(keys).toMatchObject({ status: 'ok', detail: 'set: ANTHROPIC_API_KEY, INFRAKIT_MODEL' });
    expect(JSON.stringify(report)).not.toContain(secret);
  });

  it('blocks on an old Node.js or a missing git, even outside a project', async () => {
    expect((await runDoctor(deps({}))).exitCode).toBe(0);
    expect((await runDoctor(deps({ nodeVersion: '20.11.0' }))).exitCode).toBe(5);
    const noGit = await runDoctor(deps({ gitVersion: async () => undefined }));
    expect(noGit.exitCode).toBe(5);
    expect(noGit.checks.find((check) => check.id === 'git')?.fix).toContain('apt-get install -y git');
  });
});

describe('a validator that is on the PATH but does not run', () => {
  it('blocks when the project needs it, and only warns when another version is installed', async () => {
    const root = await project('cloudformation');
    const broken = detected(['cfn-lint']).map((tool) =>
      tool.name === 'cfn-lint' ? { ...tool, version: undefined, matchesPin: false } : tool,
    );
    const report = await runDoctor(deps({ projectRoot: root, detectValidators: async () => broken }));
    expect(report.exitCode).toBe(5);
    expect(report.checks.find((check) => check.id === 'validator:cfn-lint')).toMatchObject({
      status: 'error',
      fix: 'pip install cfn-lint==1.51.0',
    });
    const other = detected(['cfn-lint']).map((tool) =>
      tool.name === 'cfn-lint' ? { ...tool, version: '1.40.0', matchesPin: false } : tool,
    );
    const warned = await runDoctor(deps({ projectRoot: root, detectValidators: async () => other }));
    expect(warned.exitCode).toBe(0);
    expect(warned.checks.find((check) => check.id === 'validator:cfn-lint')?.status).toBe('warn');
  });
});

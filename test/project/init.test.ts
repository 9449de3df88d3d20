import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { IAC_TOOLS } from '../../src/constraints/schema.js';
import { InfrakitError } from '../../src/errors/index.js';
import { initProject, mergeIgnoreFile } from '../../src/project/init.js';
import { OUTPUT_DIRECTORY } from '../../src/project/output-directory.js';

const templatesDirectory = resolve(import.meta.dirname, '..', '..', 'templates');
const temporary = () => mkdtemp(join(tmpdir(), 'infrakit-init-'));

describe('initProject', () => {
  for (const iac of IAC_TOOLS) {
    it(`writes loadable constraints for ${iac} and commits once`, async () => {
      const cwd = await temporary();
      const result = await initProject({ directory: 'demo', cwd, iac, templatesDirectory });
      const root = join(cwd, 'demo');
      expect(result.files).toEqual([
        '.infrakit/context.md',
        '.infrakit/coding-style.md',
        '.infrakit/tagging-standard.md',
        `${OUTPUT_DIRECTORY[iac]}/README.md`,
        '.gitignore',
      ]);
      const constraints = await loadConstraints(root);
      expect(constraints.codingStyle.iac).toBe(iac);
      expect(constraints.codingStyle.layout.outputDir).toBe(OUTPUT_DIRECTORY[iac]);
      expect(constraints.context.environments.map((environment) => environment.name)).toEqual([
        'dev',
        'staging',
        'prod',
      ]);
      expect(constraints.tagging.tags).toHaveLength(6);
      const prod = constraints.context.environments.find((environment) => environment.name === 'prod');
      expect(prod).toMatchObject({
        encryptionAtRest: 'customer-managed',
        publicAccess: false,
        multiAz: true,
        pointInTimeRecovery: true,
        deletionProtection: true,
        versioning: true,
      });
      const log = await simpleGit(root).log();
      expect(log.total).toBe(1);
      const status = await simpleGit(root).status();
      expect(status.isClean()).toBe(true);
    });
  }

  it('defaults Crossplane to the v2 model with Pipeline mode and function-go-templating v0.12.2', async () => {
    const cwd = await temporary();
    await initProject({ directory: 'x', cwd, iac: 'crossplane', templatesDirectory });
    const constraints = await loadConstraints(join(cwd, 'x'));
    expect(constraints.context.crossplane).toEqual({ version: 'v2', apiGroup: 'x.example.com' });
    expect(constraints.codingStyle.composition).toEqual({
      mode: 'Pipeline',
      function: 'function-go-templating',
      functionVersion: 'v0.12.2',
    });
    expect(constraints.codingStyle.validator).toBe('crossplane-render');
  });

  it('refuses a non-empty directory without --force and names it', async () => {
    const cwd = await temporary();
    await mkdir(join(cwd, 'busy'));
    await writeFile(join(cwd, 'busy', 'notes.txt'), 'mine');
    const attempt = initProject({ directory: 'busy', cwd, iac: 'terraform', templatesDirectory });
    await expect(attempt).rejects.toThrow(/"busy" is not empty \(it contains notes\.txt\); init refuses/);
    await attempt.catch((error: unknown) =>
      expect(InfrakitError.isInstance(error) && error.exitCode).toBe(2),
    );
    expect(await readdir(join(cwd, 'busy'))).toEqual(['notes.txt']);
  });

  it('writes into a non-empty directory with force, keeping an existing .gitignore', async () => {
    const cwd = await temporary();
    await writeFile(join(cwd, '.gitignore'), 'secret.txt\n');
    const result = await initProject({
      directory: '.',
      cwd,
      iac: 'cloudformation',
      force: true,
      git: false,
      templatesDirectory,
    });
    expect(result.root).toBe(cwd);
    const ignore = await readFile(join(cwd, '.gitignore'), 'utf8');
    expect(ignore.startsWith('secret.txt\n')).toBe(true);
    expect(ignore).toContain('.infrakit/config.local.yaml');
  });

  it('skips git with git: false', async () => {
    const cwd = await temporary();
    const result = await initProject({
      directory: '.',
      cwd,
      iac: 'terraform',
      git: false,
      templatesDirectory,
    });
    expect(result.git).toBeUndefined();
    expect(await readdir(cwd)).not.toContain('.git');
  });

  it('runs extra file writers (the hook for init --ai) and reports their files', async () => {
    const cwd = await temporary();
    const result = await initProject({
      directory: 'p',
      cwd,
      iac: 'crossplane',
      git: false,
      templatesDirectory,
      extraWriters: [
        async (context) => [{ path: '.mcp.json', content: `{"project":"${context.projectName}"}` }],
      ],
    });
    expect(result.files.at(-1)).toBe('.mcp.json');
    expect(await readFile(join(cwd, 'p', '.mcp.json'), 'utf8')).toBe('{"project":"p"}');
  });

  it('rejects an invalid region before writing anything', async () => {
    const cwd = await temporary();
    await expect(
      initProject({ directory: 'r', cwd, iac: 'terraform', region: 'mars', templatesDirectory }),
    ).rejects.toThrow(/--region "mars"/);
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('mergeIgnoreFile', () => {
  it('appends only missing patterns', () => {
    expect(mergeIgnoreFile('node_modules/\n', '# c\nnode_modules/\n.env\n')).toBe(
      'node_modules/\n\n# Added by infrakit init\n.env\n',
    );
    expect(mergeIgnoreFile(undefined, 'a\n')).toBe('a\n');
  });
});

describe('initProject inside an existing repository', () => {
  const outerRepository = async () => {
    const cwd = await temporary();
    const outer = simpleGit(cwd);
    await outer.init();
    await outer.addConfig('user.name', 'test').addConfig('user.email', 'test@example.com');
    await writeFile(join(cwd, 'app.txt'), 'app');
    await outer.add('app.txt').commit('app');
    return { cwd, outer };
  };

  it('refuses a folder of another repository unless asked, writing nothing (a clone of infrakit, say)', async () => {
    const { cwd, outer } = await outerRepository();
    const refusal = await initProject({ directory: 'demo', cwd, iac: 'crossplane', templatesDirectory }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(InfrakitError.isInstance(refusal) && refusal.exitCode).toBe(2);
    expect((refusal as Error).message).toContain('"demo" is inside the git repository at');
    expect((refusal as InfrakitError).hint).toContain('--in-parent-repo');
    expect(await readdir(cwd)).not.toContain('demo');
    expect((await outer.log()).total).toBe(1);
  });

  it('still initialises the top of a fresh repository of its own', async () => {
    const cwd = await temporary();
    await simpleGit(cwd).init();
    const result = await initProject({ directory: '.', cwd, iac: 'terraform', templatesDirectory });
    expect(result.git?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('with inParentRepository, commits into the enclosing work tree instead of nesting a new repository', async () => {
    const { cwd, outer } = await outerRepository();
    const result = await initProject({
      directory: 'infra',
      cwd,
      iac: 'terraform',
      templatesDirectory,
      inParentRepository: true,
    });
    expect(result.git?.initialised).toBe(false);
    expect(await readdir(join(cwd, 'infra'))).not.toContain('.git');
    const log = await outer.log();
    expect(log.total).toBe(2);
    const committed = await outer.raw(['show', '--name-only', '--format=', 'HEAD']);
    expect(committed.trim().split('\n').sort()).toEqual(result.files.map((file) => `infra/${file}`).sort());
  });
});

describe('the .gitignore init writes', () => {
  it('ignores caches, locks, local config and secrets, but not track artifacts or the Terraform lock file', async () => {
    const cwd = await temporary();
    await initProject({ directory: '.', cwd, iac: 'terraform', templatesDirectory });
    const git = simpleGit(cwd);
    const ignored = async (path: string) => (await git.checkIgnore([path])).length === 1;
    for (const path of [
      '.infrakit/schemas/aws.json',
      '.infrakit/tracks/s3-bucket-1/.lock',
      '.infrakit/config.local.yaml',
      '.env',
      '.env.production',
      'node_modules/x/index.js',
      '.tools/bin/tofu',
      'terraform.tfstate',
      'modules/x/.terraform/providers/a',
      'prod.tfvars',
    ]) {
      expect(await ignored(path), path).toBe(true);
    }
    for (const path of [
      '.infrakit/tracks/s3-bucket-1/spec.md',
      '.infrakit/config.yaml',
      '.env.example',
      '.terraform.lock.hcl',
      'modules/x/main.tf',
    ]) {
      expect(await ignored(path), path).toBe(false);
    }
  });
});

import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/package-version.js';
import { versionOnly } from '../../src/cli/version-only.js';
import { CLI_PATH, cliBuilt, notBuiltReason, runCli, spawnCli, temporaryDirectory } from './run-cli.js';

/** The CommonJS bundle the entry runs (scripts/bundle.mjs), and the repository it was built in. */
const BUNDLE_PATH = join(dirname(CLI_PATH), 'cli.cjs');
const repositoryRoot = resolve(dirname(CLI_PATH), '..', '..', '..');

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('versionOnly (the bin answers a bare --version without loading the program)', () => {
  for (const flag of ['--version', '-V']) {
    it(`answers ${flag} alone with the package version line`, () => {
      const out = capture();
      expect(versionOnly([flag], out.stream)).toBe(true);
      expect(out.text()).toBe(`${packageVersion()}\n`);
    });
  }

  for (const args of [
    [],
    ['status'],
    ['--version', '--json'],
    ['--json', '--version'],
    ['-v'],
    ['version'],
  ]) {
    it(`leaves ${JSON.stringify(args)} to the full program`, () => {
      const out = capture();
      expect(versionOnly(args, out.stream)).toBe(false);
      expect(out.text()).toBe('');
    });
  }
});

/** A module of tsc's output (dist/src) and every file it imports statically, transitively. */
async function staticClosure(file: string): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const visit = async (path: string) => {
    if (seen.has(path)) return;
    const text = await readFile(path, 'utf8');
    seen.set(path, text);
    for (const match of text.matchAll(/^import\s[^;]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms))
      await visit(join(dirname(path), match[1] ?? match[2]));
  };
  await visit(file);
  return seen;
}

/**
 * Runs the built CLI in cwd and says which of the named node: builtins it loaded (read from
 * process.moduleLoadList when it exits), as `loaded: a,b` or `loaded: none` on the last stderr line.
 */
async function runReportingBuiltins(cwd: string, args: string[], builtins: string[]) {
  const report = `process.on('exit', () => console.error('loaded:', ${JSON.stringify(builtins)}.filter((name) => process.moduleLoadList.includes('NativeModule ' + name)).join(',') || 'none'))`;
  const result = await execa(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(report)}`, CLI_PATH, ...args],
    { cwd, env: { NO_COLOR: '1' }, reject: false },
  );
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A temporary project made by `infrakit init` (CloudFormation) with a one-bucket template.yaml. */
async function projectWithTemplate(): Promise<string> {
  const cwd = await temporaryDirectory();
  const init = await runCli(['init', '.', '--iac', 'cloudformation', '--no-schemas'], { cwd });
  expect(init.exitCode, init.stderr).toBe(0);
  await writeFile(join(cwd, 'template.yaml'), TEMPLATE);
  return cwd;
}

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('the built CLI start-up', () => {
  it('prints the same version line on the fast path as commander does', async () => {
    const cwd = await temporaryDirectory();
    const fast = await spawnCli(['--version'], { cwd });
    const short = await spawnCli(['-V'], { cwd });
    // with a second option the fast path is not taken: commander prints the version itself
    const full = await spawnCli(['--no-color', '--version'], { cwd });
    expect(fast).toEqual({ exitCode: 0, stdout: packageVersion(), stderr: '' });
    expect(short).toEqual(fast);
    expect(full).toEqual(fast);
  });

  it('the entry files load nothing but node: builtins before they know the command, then the bundle', async () => {
    // bin.cjs (what package.json's bin runs) and main.js, the same entry as an ES module
    const bin = await readFile(CLI_PATH, 'utf8');
    const esm = await readFile(join(dirname(CLI_PATH), 'main.js'), 'utf8');
    const required = [...bin.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
    const imported = [...esm.matchAll(/^import\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gms)].map(
      (match) => match[1] ?? match[2],
    );
    for (const specifiers of [required, imported]) {
      expect(specifiers.length).toBeGreaterThan(0);
      expect(specifiers.filter((path) => !path.startsWith('node:'))).toEqual([]);
    }
    for (const entry of [bin, esm]) {
      // commander alone is over 100 KB: the entry stays a few KB (the version reader and the loader)
      expect(entry.length).toBeLessThan(20_000);
      expect(entry).toContain('"cli.cjs"');
    }
  });

  it("package.json's bin is the CommonJS entry (no ES module loader before the first line), and main.js runs the same", async () => {
    const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(join(repositoryRoot, manifest.bin.infrakit)).toBe(CLI_PATH);
    expect(CLI_PATH.endsWith('.cjs')).toBe(true);
    const cwd = await temporaryDirectory();
    await writeFile(join(cwd, 'template.yaml'), TEMPLATE);
    const viaBin = await execa(process.execPath, [CLI_PATH, 'verify', 'template.yaml'], {
      cwd,
      reject: false,
    });
    const viaModule = await execa(
      process.execPath,
      [join(dirname(CLI_PATH), 'main.js'), 'verify', 'template.yaml'],
      {
        cwd,
        reject: false,
      },
    );
    expect(viaBin.stdout).toContain('verify:');
    expect({ ...viaModule, command: '', escapedCommand: '' }).toMatchObject({
      exitCode: viaBin.exitCode,
      stdout: viaBin.stdout,
      stderr: viaBin.stderr,
    });
  });

  it('verify of a CloudFormation file never loads node:child_process (commander requires it on first spawn)', async () => {
    const cwd = await temporaryDirectory();
    await writeFile(join(cwd, 'template.yaml'), TEMPLATE);
    const result = await runReportingBuiltins(cwd, ['verify', 'template.yaml'], ['child_process']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('loaded: none');
    // still there when a spawn needs it: commander's own spawn path is the only user
    const bundled = await readFile(BUNDLE_PATH, 'utf8');
    expect(bundled).toContain('(childProcessModule ??= require("node:child_process")).spawn');
  });

  /**
   * What loading one source file loads with it: its static imports in tsc's output, which is what
   * the bundle initialises with it (esbuild runs a module's static imports first, its import()s later).
   */
  const loadedWith = async (source: string): Promise<string> => {
    const compiled = join(repositoryRoot, 'dist', source.replace(/\.ts$/, '.js'));
    return [...(await staticClosure(compiled)).entries()]
      .map(
        ([path, text]) =>
          `// ${relative(join(repositoryRoot, 'dist'), path).replace(/\.js$/, '.ts')}\n${text}`,
      )
      .join('\n');
  };

  it('finding the project root (every verify and review) does not load the constraints schemas', async () => {
    const loaded = await loadedWith('src/project/project-root.ts');
    expect(loaded).toContain('export async function findProjectRoot(');
    expect(loaded).not.toContain('// src/constraints/schema.ts');
  });

  it('opening the schema store loads the importers (tar, CRD, provider readers) only to rebuild a pack', async () => {
    const loaded = await loadedWith('src/schemas/store.ts');
    expect(loaded).toContain('export class SchemaStore');
    for (const importer of [
      'src/schemas/import.ts',
      'src/schemas/tar-reader.ts',
      'src/schemas/read-source.ts',
    ])
      expect(loaded).not.toContain(`// ${importer}\n`);
  });

  it('bundles zod with its English messages only (no other locale is compiled at start-up)', async () => {
    const bundled = await readFile(BUNDLE_PATH, 'utf8');
    expect(bundled).toContain('// node_modules/zod/v4/locales/en.js');
    expect(bundled).not.toMatch(/\/\/ node_modules\/zod\/v4\/locales\/(?!en\.js)[\w-]+\.js/);
  });

  it('review with --no-auto-lint starts no tool, so it loads neither execa nor node:child_process', async () => {
    const args = ['review', 'template.yaml', '--no-auto-lint', '--fail-on', 'critical'];
    const result = await runReportingBuiltins(await projectWithTemplate(), args, ['child_process']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('loaded: none');
  });

  it('status with no finished track loads neither git nor node:crypto', async () => {
    const result = await runReportingBuiltins(
      await projectWithTemplate(),
      ['status'],
      ['child_process', 'crypto'],
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('No tracks yet');
    expect(result.stderr).toContain('loaded: none');
  });
});

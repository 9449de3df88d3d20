import { execa } from 'execa';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/package-version.js';
import { versionOnly } from '../../src/cli/version-only.js';
import { CLI_PATH, cliBuilt, notBuiltReason, spawnCli, temporaryDirectory } from './run-cli.js';

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

/** A bundle file and every file it imports statically, transitively (paths relative to dist/src/cli). */
async function staticClosure(file: string): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const visit = async (path: string) => {
    if (seen.has(path)) return;
    const text = await readFile(join(dirname(CLI_PATH), path), 'utf8');
    seen.set(path, text);
    for (const match of text.matchAll(/^import\s[^;]*?from\s+"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gms))
      await visit(join(dirname(path), match[1] ?? match[2]));
  };
  await visit(file);
  return seen;
}

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

  it('the entry file loads nothing but the version reader before it knows the command', async () => {
    const entry = await readFile(CLI_PATH, 'utf8');
    const staticImports = [...entry.matchAll(/^import\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gms)].map(
      (match) => match[1] ?? match[2],
    );
    const sizes = await Promise.all(
      staticImports.map(async (path) => (await readFile(join(dirname(CLI_PATH), path))).length),
    );
    // commander alone is over 100 KB: the entry's static imports stay a few KB
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThan(20_000);
    expect(entry).toMatch(/await import\("\.\/chunks\/run-program-[\w-]+\.js"\)/);
  });

  it('verify of a CloudFormation file never loads node:child_process (commander requires it on first spawn)', async () => {
    const cwd = await temporaryDirectory();
    await writeFile(
      join(cwd, 'template.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n',
    );
    const report =
      "process.on('exit', () => console.error('child_process loaded:', process.moduleLoadList.includes('NativeModule child_process')))";
    const result = await execa(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(report)}`, CLI_PATH, 'verify', 'template.yaml'],
      { cwd, env: { NO_COLOR: '1' }, reject: false },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('child_process loaded: false');
    // still there when a spawn needs it: commander's own spawn path is the only user
    const bundled = await Promise.all(
      (await readdir(join(dirname(CLI_PATH), 'chunks')))
        .filter((name) => name.endsWith('.js'))
        .map((name) => readFile(join(dirname(CLI_PATH), 'chunks', name), 'utf8')),
    );
    expect(
      bundled.some((text) => text.includes('(childProcessModule ??= __require("node:child_process")).spawn')),
    ).toBe(true);
  });

  /** The bundle chunk holding one source file, and what it loads statically, as one text. */
  const loadedWith = async (source: string): Promise<string> => {
    const chunks = join(dirname(CLI_PATH), 'chunks');
    const names = (await readdir(chunks)).filter((name) => name.endsWith('.js'));
    const texts = await Promise.all(names.map((name) => readFile(join(chunks, name), 'utf8')));
    const home = names.find((_, index) => texts[index].includes(`// ${source}\n`));
    expect(home, `no chunk holds ${source}`).toBeDefined();
    return [...(await staticClosure(join('chunks', home ?? ''))).values()].join('\n');
  };

  it('finding the project root (every verify and review) does not load the constraints schemas', async () => {
    const loaded = await loadedWith('src/project/project-root.ts');
    expect(loaded).toContain('async function findProjectRoot(');
    expect(loaded).not.toContain('// src/constraints/schema.ts');
  });

  it('opening the schema store loads the importers (tar, CRD, provider readers) only to rebuild a pack', async () => {
    const loaded = await loadedWith('src/schemas/store.ts');
    expect(loaded).toContain('var SchemaStore = class');
    for (const importer of [
      'src/schemas/import.ts',
      'src/schemas/tar-reader.ts',
      'src/schemas/read-source.ts',
    ])
      expect(loaded).not.toContain(`// ${importer}\n`);
  });

  it('bundles zod with its English messages only (no other locale is compiled at start-up)', async () => {
    const chunks = join(dirname(CLI_PATH), 'chunks');
    const names = (await readdir(chunks)).filter((name) => name.endsWith('.js'));
    const texts = await Promise.all(names.map((name) => readFile(join(chunks, name), 'utf8')));
    const bundled = texts.join('\n');
    expect(bundled).toContain('// node_modules/zod/v4/locales/en.js');
    expect(bundled).not.toMatch(/\/\/ node_modules\/zod\/v4\/locales\/(?!en\.js)[\w-]+\.js/);
  });
});

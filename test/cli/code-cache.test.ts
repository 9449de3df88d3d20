import { build } from 'esbuild';
import { execa } from 'execa';
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUILD_ID_PREFIX,
  buildIdOf,
  cacheFileContent,
  cachedDataFor,
  cacheFilesFor,
  COMMAND_CACHES,
  DYNAMIC_IMPORT_NAME,
  importPackage,
  loadBundle,
} from '../../src/cli/code-cache.js';
import { CLI_PATH, cliBuilt, notBuiltReason, temporaryDirectory } from './run-cli.js';

const BUNDLE_PATH = join(dirname(CLI_PATH), 'cli.cjs');
const LOADER_PATH = join(dirname(CLI_PATH), 'code-cache.js');

/** A small CommonJS bundle ending in a build id line, as scripts/bundle.mjs writes one. */
async function tinyBundle(body: string, id = 'test-build-1'): Promise<string> {
  const file = join(await temporaryDirectory('infrakit-code-cache-'), 'tiny.cjs');
  await writeFile(file, `${body}\n${BUILD_ID_PREFIX}${id}\n`);
  return file;
}

describe('the code cache file', () => {
  it('is given to V8 only when its first line names the bundle build', async () => {
    const bundle = await tinyBundle('module.exports.answer = 42;');
    const source = await readFile(bundle, 'utf8');
    expect(buildIdOf(source)).toBe('test-build-1');
    const cache = `${bundle}.cache`;
    expect(cachedDataFor(source, cache)).toBeUndefined(); // no cache file
    await writeFile(cache, cacheFileContent(source, Buffer.from('v8 data')));
    expect(cachedDataFor(source, cache)?.toString()).toBe('v8 data');
    await writeFile(
      cache,
      Buffer.concat([Buffer.from(`${BUILD_ID_PREFIX}another-build\n`), Buffer.from('x')]),
    );
    expect(cachedDataFor(source, cache)).toBeUndefined();
    expect(cachedDataFor('module.exports = 1;', cache)).toBeUndefined(); // a bundle with no id
    expect(() => cacheFileContent('module.exports = 1;', Buffer.from('x'))).toThrow(/infrakit-build/);
  });

  it('a cache V8 rejects falls back to a normal compile and the bundle still runs', async () => {
    const bundle = await tinyBundle('module.exports.answer = 6 * 7;');
    const source = await readFile(bundle, 'utf8');
    await writeFile(`${bundle}.cache`, cacheFileContent(source, Buffer.from('not V8 data at all')));
    // (one compile per source: V8 answers a second compile of the same source from its own memory)
    const loaded = loadBundle(bundle, `${bundle}.cache`);
    expect(loaded?.cacheRejected).toBe(true);
    expect(loaded?.exports.answer).toBe(42);
  });

  it('a cache V8 made for the same source is used, and the bundle runs from it', async () => {
    const bundle = await tinyBundle('module.exports.twice = (n) => n * 2; module.exports.twice(1);');
    const source = await readFile(bundle, 'utf8');
    const first = loadBundle(bundle, `${bundle}.cache`);
    expect(first?.cacheRejected).toBeUndefined();
    const data = first?.script?.createCachedData();
    expect(data?.length).toBeGreaterThan(0);
    await writeFile(`${bundle}.cache`, cacheFileContent(source, data ?? Buffer.alloc(0)));
    const second = loadBundle(bundle, `${bundle}.cache`);
    expect(second?.cacheRejected).toBe(false);
    expect((second?.exports.twice as (n: number) => number)(21)).toBe(42);
  });

  it("is the command's own first (status, verify, review as the first argument), then the full one", async () => {
    expect(cacheFilesFor('b.cjs', ['status'])).toEqual(['b.cjs.status.cache', 'b.cjs.cache']);
    expect(cacheFilesFor('b.cjs', ['verify', 'x.yaml'])).toEqual(['b.cjs.verify.cache', 'b.cjs.cache']);
    expect(cacheFilesFor('b.cjs', ['--json', 'status'])).toEqual(['b.cjs.cache']);
    expect(cacheFilesFor('b.cjs', ['new-composition'])).toEqual(['b.cjs.cache']);
    // the first cache made by this build is used; a stale or missing one is passed over
    const bundle = await tinyBundle('module.exports.answer = 1;', 'build-a');
    const source = await readFile(bundle, 'utf8');
    const [own, full] = cacheFilesFor(bundle, ['status']);
    await writeFile(full, cacheFileContent(source, Buffer.from('full data')));
    expect(cachedDataFor(source, [own, full])?.toString()).toBe('full data');
    await writeFile(own, Buffer.concat([Buffer.from(`${BUILD_ID_PREFIX}build-b\n`), Buffer.from('stale')]));
    expect(cachedDataFor(source, [own, full])?.toString()).toBe('full data');
    await writeFile(own, cacheFileContent(source, Buffer.from('own data')));
    expect(cachedDataFor(source, [own, full])?.toString()).toBe('own data');
  });

  it('a missing bundle is reported as such (the bin then runs tsc output)', () => {
    expect(loadBundle(join(dirname(CLI_PATH), 'no-such-bundle.cjs'), 'none')).toBeUndefined();
  });
});

describe('dynamic imports from the bundle', () => {
  it('go through the function the loader passes in', async () => {
    const bundle = await tinyBundle(`module.exports.path = ${DYNAMIC_IMPORT_NAME}('node:path');`);
    const asked: string[] = [];
    const loaded = loadBundle(bundle, `${bundle}.cache`, (specifier) => {
      asked.push(specifier);
      return importPackage(specifier);
    });
    const path = (await loaded?.exports.path) as { join: (...parts: string[]) => string };
    expect(asked).toEqual(['node:path']);
    expect(path.join('a', 'b')).toBe(join('a', 'b'));
  });

  it('give a node: builtin as import() does (its names and default, read through require), and reject an unknown one as import() does', async () => {
    for (const specifier of ['node:path', 'node:fs/promises', 'node:crypto']) {
      const [ours, theirs] = (await Promise.all([importPackage(specifier), import(specifier)])) as Array<
        Record<string, unknown>
      >;
      expect(Object.keys(ours).sort(), specifier).toEqual(Object.keys(theirs).sort());
      expect(ours.default, specifier).toBe(theirs.default);
      for (const name of Object.keys(theirs)) expect(ours[name], `${specifier} ${name}`).toBe(theirs[name]);
    }
    const unknown = await import('node:nope').catch((error: NodeJS.ErrnoException) => error.code);
    await expect(importPackage('node:nope')).rejects.toMatchObject({ code: unknown });
  });

  it('load packages, and refuse a relative specifier as a missing module (the bundle ships no such file)', async () => {
    await expect(importPackage('node:path')).resolves.toHaveProperty('join');
    await expect(importPackage('semver')).resolves.toHaveProperty('default');
    for (const specifier of ['../schemas/lookup-tools.js', './x.js', '/etc/passwd', 'file:///etc/passwd'])
      await expect(importPackage(specifier)).rejects.toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
  });
});

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('the built CLI bundle', () => {
  it('ships a code cache V8 accepts (made by `npm run build`, for this very bundle)', async () => {
    expect(existsSync(`${BUNDLE_PATH}.cache`)).toBe(true);
    const script = `const { compileBundle } = await import(${JSON.stringify(pathToFileURL(LOADER_PATH).href)}); console.log(String(compileBundle(${JSON.stringify(BUNDLE_PATH)}, ${JSON.stringify(`${BUNDLE_PATH}.cache`)}).cacheRejected));`;
    const result = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('false');
  });

  it("ships each command's own code cache, which V8 accepts for the same bundle", async () => {
    for (const command of COMMAND_CACHES) {
      const cache = `${BUNDLE_PATH}.${command}.cache`;
      expect(existsSync(cache), cache).toBe(true);
      const script = `const { compileBundle } = await import(${JSON.stringify(pathToFileURL(LOADER_PATH).href)}); console.log(String(compileBundle(${JSON.stringify(BUNDLE_PATH)}, ${JSON.stringify(cache)}).cacheRejected));`;
      const result = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false });
      expect(result.stdout, command).toBe('false');
      // smaller than the full cache: the point of having one
      expect(statSync(cache).size).toBeLessThan(statSync(`${BUNDLE_PATH}.cache`).size);
    }
  });

  it('has an executable bin entry, which `npm link` and `npm install -g .` link to as it is', () => {
    expect(statSync(CLI_PATH).mode & 0o111).toBe(0o111);
  });

  it('is ASCII only, so the loader reads it as latin1 without changing a character', async () => {
    const bytes = await readFile(BUNDLE_PATH);
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
    // the one regular expression esbuild left with a non-ASCII character, escaped to the same one
    expect(bytes.toString('latin1')).toContain('(ns|us|\\u00b5s|ms|s|m|h)');
  });

  it('calls every dynamic import through the loader (none is left to vm.Script, which has none)', async () => {
    const bundled = await readFile(BUNDLE_PATH, 'utf8');
    expect(bundled).toContain(`${DYNAMIC_IMPORT_NAME}("@aws-cdk/aws-service-spec")`);
    expect(bundled).not.toMatch(/(?<![\w$.])import\((?!\))/);
  });
  it('with --enable-source-maps a stack trace from a bundle points at the TypeScript source', async () => {
    const directory = await temporaryDirectory('infrakit-code-cache-');
    const entry = join(directory, 'thrower.ts');
    await writeFile(entry, 'export function boom(): never {\n  throw new Error("boom");\n}\nboom();\n');
    const bundle = join(directory, 'thrower.cjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      sourcemap: true,
      logLevel: 'silent',
    });
    // The compiled loader, as the bin runs it (this test process runs under vitest's loader).
    const script = `const { loadBundle } = await import(${JSON.stringify(pathToFileURL(LOADER_PATH).href)}); loadBundle(${JSON.stringify(bundle)}, 'none');`;
    const withMaps = await execa(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', script],
      {
        reject: false,
      },
    );
    expect(withMaps.stderr).toMatch(/thrower\.ts:2:\d+/);
    const without = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false });
    expect(without.stderr).toMatch(/thrower\.cjs:\d+/);
    expect(without.stderr).not.toMatch(/thrower\.ts/);
  });
});

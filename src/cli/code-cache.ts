import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs the CLI bundle (`dist/src/cli/cli.cjs`, built by scripts/bundle.mjs) through `vm.Script`
 * with the V8 code cache that `npm run build` stored next to it (`cli.cjs.cache`), so a process
 * deserialises the bytecode of the functions a command runs instead of parsing and compiling them.
 * A missing, stale or rejected cache (another Node or V8 version, other V8 flags) is not an error:
 * V8 compiles the source as usual and the command behaves the same, only slower to start. Nothing
 * is ever written at run time.
 */

/** The name of the function the bundle calls instead of `import()` (see scripts/bundle.mjs). */
export const DYNAMIC_IMPORT_NAME = '__ikit';

/**
 * The line that ends the bundle and opens its cache file: the build that made both. A cache whose
 * first line differs belongs to another build and is not given to V8 (which only compares the
 * source's length).
 */
export const BUILD_ID_PREFIX = '//# infrakit-build ';

/**
 * Commands with a code cache of their own (`cli.cjs.<command>.cache`), made by running only that
 * command at build time: V8 deserialises a whole cache before the first line runs, so `status`
 * reading the bytecode of every verify and review function cost it a third of its start-up.
 * Every other command, and these when their own cache is missing, use `cli.cjs.cache`, which holds
 * them all. Only the first argument is looked at (`infrakit status`, not `infrakit --json status`):
 * a command given options first still runs the same, from the full cache.
 */
export const COMMAND_CACHES = ['status', 'verify', 'review'] as const;

/** The cache file of a command's own (see COMMAND_CACHES). */
export function commandCacheFile(bundleFile: string, command: string): string {
  return `${bundleFile}.${command}.cache`;
}

/**
 * The code caches to try for a command line (its arguments after the script), in order: the
 * command's own (see COMMAND_CACHES), then the full one. The first made by the same build is used.
 */
export function cacheFilesFor(bundleFile: string, args: readonly string[]): string[] {
  const command = args[0];
  const full = `${bundleFile}.cache`;
  return command && (COMMAND_CACHES as readonly string[]).includes(command)
    ? [commandCacheFile(bundleFile, command), full]
    : [full];
}

/** Loads an ES module from the loader's own context (a vm.Script cannot import by itself). */
export type DynamicImport = (specifier: string) => Promise<unknown>;

export interface LoadedBundle {
  /** The compiled bundle; undefined when Node's own loader ran it (source maps on). */
  script?: Script;
  /** The bundle's module.exports. */
  exports: Record<string, unknown>;
  /** undefined: no usable cache was given; false: V8 used it; true: V8 rejected it and compiled. */
  cacheRejected: boolean | undefined;
}

/** The build id on the bundle's last line, or undefined when it has none. */
export function buildIdOf(source: string): string | undefined {
  const start = source.lastIndexOf(BUILD_ID_PREFIX);
  if (start < 0) return undefined;
  const id = source.slice(start + BUILD_ID_PREFIX.length).trim();
  return /^[\w-]+$/.test(id) ? id : undefined;
}

/**
 * The V8 data of the first cache file (of one or several, in order) made by the same build as the
 * bundle, or undefined when none is.
 */
export function cachedDataFor(source: string, cacheFiles: string | readonly string[]): Buffer | undefined {
  const id = buildIdOf(source);
  if (!id) return undefined;
  const header = Buffer.from(`${BUILD_ID_PREFIX}${id}\n`);
  for (const cacheFile of typeof cacheFiles === 'string' ? [cacheFiles] : cacheFiles) {
    let cache: Buffer;
    try {
      cache = readFileSync(cacheFile);
    } catch {
      continue;
    }
    if (cache.subarray(0, header.length).equals(header)) return cache.subarray(header.length);
  }
  return undefined;
}

/** The cache file's content for a bundle: its build id line, then V8's data. */
export function cacheFileContent(source: string, data: Buffer): Buffer {
  const id = buildIdOf(source);
  if (!id) throw new Error(`the bundle has no "${BUILD_ID_PREFIX}<id>" line: rebuild it`);
  return Buffer.concat([Buffer.from(`${BUILD_ID_PREFIX}${id}\n`), data]);
}

/** Node's own require, for builtins (node:fs, node:crypto...). */
const requireBuiltin = createRequire(import.meta.url);

/**
 * A Node builtin as `import()` gives it (its exports by name, and as `default`), from Node's
 * CommonJS loader: an `import()` would start Node's ES module loader in a process that has no other
 * use for it (a verify reading schemas needs node:crypto). Names are read from the module when
 * used, as they would be through the import.
 */
function builtinNamespace(specifier: string): Record<string, unknown> {
  const exports = requireBuiltin(specifier) as Record<string, unknown>;
  const namespace: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(exports))
    Object.defineProperty(namespace, name, { enumerable: true, get: () => exports[name] });
  Object.defineProperty(namespace, 'default', { enumerable: true, value: exports });
  return Object.freeze(namespace);
}

/**
 * `import()` for the bundle, which holds every module of InfraKit's own: packages and node:
 * builtins load as they would from a module in this folder (where the bundle lives), builtins
 * through Node's CommonJS loader (builtinNamespace); a relative specifier at run time names no file
 * the bundle ships, so it fails as a missing module does.
 */
export function importPackage(specifier: string): Promise<unknown> {
  if (/^(\.{0,2}\/|file:)/.test(specifier)) {
    const error = new Error(`Cannot find module '${specifier}' (the CLI bundle imports packages only)`);
    return Promise.reject(Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' }));
  }
  if (specifier.startsWith('node:'))
    return new Promise((resolve) => {
      resolve(builtinNamespace(specifier));
    });
  return import(specifier);
}

/** A bundle compiled by V8, from its code cache when one fits. */
export interface CompiledBundle {
  script: Script;
  /** As in LoadedBundle. */
  cacheRejected: boolean | undefined;
}

/**
 * Compiles a CommonJS bundle inside the same wrapper as Node's CommonJS loader (module, exports,
 * require, __filename, __dirname) plus the dynamic import function, on one line, so the bundle's
 * line numbers stay as they are; with the cache file's data when it belongs to this build.
 */
export function compileBundle(bundleFile: string, cacheFile: string | readonly string[]): CompiledBundle {
  // ASCII by construction (scripts/bundle.mjs): latin1 reads it as a one-byte string, without
  // UTF-8 decoding, which is what V8 keeps and hashes.
  const source = readFileSync(bundleFile, 'latin1');
  const cachedData = cachedDataFor(source, cacheFile);
  const wrapper = `(function (exports, require, module, __filename, __dirname, ${DYNAMIC_IMPORT_NAME}) {${source}\n})`;
  const script = new Script(wrapper, { filename: bundleFile, cachedData });
  return { script, cacheRejected: cachedData ? script.cachedDataRejected : undefined };
}

/**
 * Compiles (compileBundle) and runs a CommonJS bundle as Node would. Returns undefined when the
 * bundle file does not exist.
 *
 * With source maps on (`node --enable-source-maps`, or in NODE_OPTIONS) Node's own CommonJS loader
 * runs the bundle instead, without the cache: Node 20 reads the source map of a file it loads
 * itself, never of a vm.Script, and a stack trace then points at src/. The import function is
 * then a global of the same name.
 */
export function loadBundle(
  bundleFile: string,
  cacheFile: string | readonly string[],
  dynamicImport: DynamicImport = importPackage,
): LoadedBundle | undefined {
  if (!existsSync(bundleFile)) return undefined;
  if (process.sourceMapsEnabled) {
    Object.defineProperty(globalThis, DYNAMIC_IMPORT_NAME, { value: dynamicImport, configurable: true });
    return {
      exports: createRequire(bundleFile)(bundleFile) as Record<string, unknown>,
      cacheRejected: undefined,
    };
  }
  const { script, cacheRejected } = compileBundle(bundleFile, cacheFile);
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as Record<string, unknown> };
  run(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile), dynamicImport);
  return { script, exports: module.exports, cacheRejected };
}

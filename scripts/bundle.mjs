#!/usr/bin/env node
// Bundles the CLI so that it starts fast. Run by `npm run build` after tsc, which type-checks and
// emits dist/ (the in-process tests and the bench import those modules). Three files replace tsc's
// dist/src/cli/main.js as what the `infrakit` bin runs; behaviour and output are the same, only
// module loading differs:
// - bin.cjs: the bin, a few KB (the bare `--version` answer and the loader, src/cli/code-cache.ts),
//   and main.js, the same entry as an ES module;
// - cli.cjs (+ .map): every module of InfraKit's own and the small packages, in one CommonJS file,
//   each module initialised only when a command first needs it (esbuild's lazy `__esm` wrappers for
//   the `import()`s the commands make);
// - cli.cjs.cache: V8's code cache for cli.cjs, made by scripts/code-cache-warmup.mjs after running
//   the hot commands (status, verify, review) once in a temporary project (and cli.cjs.status.cache,
//   .verify.cache, .review.cache: each of those commands alone, loaded by that command), so a process
//   deserialises their bytecode instead of parsing and compiling 2.9 MB of JavaScript. Node 20 has
//   no code cache for ES modules, hence CommonJS loaded through vm.Script (see docs/performance.md).
//
// Packages that are small, pure and loaded at start-up (zod, commander, yaml, js-yaml, xstate,
// semver, cel-js) are bundled; every other package stays external and is loaded from node_modules
// when a command needs it (several read files of their own at run time, which a bundle would break).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(projectRoot, 'dist', 'src', 'cli');
// semver (about 40 CommonJS files) and cel-js (14 ES modules) are pure and loaded by every verify:
// one chunk each instead of a module resolution per file.
const bundled = new Set(['zod', 'commander', 'yaml', 'xstate', 'js-yaml', 'semver', '@marcbachmann/cel-js']);

/** Leaves every package but the bundled ones to node_modules. */
const externalPackages = {
  name: 'external-packages',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      return bundled.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * zod re-exports every one of its ~60 locales through `z.locales` (and `z.core.locales`), which no
 * bundler can drop because `z` is used as a namespace value; they were 360 KB of the 755 KB zod chunk
 * that every command compiles at start-up. InfraKit only uses zod's default English messages (set by
 * zod itself from `locales/en.js`, which stays), so the locale index resolves to English alone.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(context) {
    context.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? {
            path: 'zod/v4/locales/index.js',
            namespace: 'zod-locales',
            pluginData: join(dirname(args.importer), '..', 'locales', 'en.js'),
          }
        : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.pluginData)};`,
      resolveDir: dirname(args.pluginData),
    }));
  },
};

/**
 * commander requires node:child_process at load, only to spawn executable subcommands, which
 * InfraKit does not use; loading it costs every command (verify, review, mcp) a few milliseconds.
 * The bundled copy requires it on first spawn instead: the same module, later.
 */
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(context) {
    context.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager))
        throw new Error(
          `${args.path}: commander changed; update commanderLazyChildProcess in scripts/bundle.mjs`,
        );
      const lazy =
        "let childProcessModule; const childProcess = { spawn: (...args) => (childProcessModule ??= require('node:child_process')).spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * The name the bundle calls instead of `import()`: a script run by vm.Script from a code cache has
 * no dynamic import of its own, so the entry passes one in (src/cli/code-cache.ts,
 * DYNAMIC_IMPORT_NAME). Six letters, as many as `import`, so the source map's columns stay exact.
 */
const dynamicImportName = '__ikit';

/**
 * Turns every `import(` esbuild left in the CommonJS output (packages and node: builtins the
 * commands load lazily, and two computed specifiers) into a call of the loader's import function.
 * Fails the build when what it finds is not what esbuild reported, so a change in esbuild's output
 * cannot slip through.
 */
function routeDynamicImports(code, dynamicExternals) {
  if (new RegExp(`\\b${dynamicImportName}\\b`).test(code))
    throw new Error(`the bundle already uses the name ${dynamicImportName}: rename it in scripts/bundle.mjs`);
  const unexpected = [];
  const routed = code.replace(/(?<![\w$.])import\((?!\))("[^"]*"|[A-Za-z_$][\w$]*)?/g, (match, argument) => {
    const literal = argument?.startsWith('"') ? JSON.parse(argument) : undefined;
    if (argument === undefined || (literal !== undefined && !dynamicExternals.has(literal))) {
      unexpected.push(match);
      return match;
    }
    return `${dynamicImportName}(${argument}`;
  });
  if (unexpected.length > 0)
    throw new Error(`unexpected dynamic imports in the CommonJS bundle: ${unexpected.join(', ')}`);
  return routed;
}

/**
 * Writes a file whole (a temporary file renamed over it): a CLI process started while the build
 * runs (another worktree's tests, the bench) reads the old file or the new one, never half of one.
 */
async function writeWhole(path, text, mode = 0o644) {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await chmod(temporary, mode);
  await rename(temporary, path);
}

/**
 * The bundle in ASCII only: esbuild escapes strings but leaves a few comments and one regular
 * expression with other characters, which would make V8 hold the whole 2.5 MB source as a
 * two-byte string and make the loader decode UTF-8; an ASCII file is read as latin1, a one-byte
 * string, in a fraction of the time (src/cli/code-cache.ts). `\\uXXXX` means the same character in
 * a comment, a string and a regular expression literal.
 */
function asciiOnly(code) {
  return code.replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const bundleFile = join(outdir, 'cli.cjs');
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
for (const cache of ['', '.status', '.verify', '.review'])
  rmSync(`${bundleFile}${cache}.cache`, { force: true });

// The bin: the version fast path and the loader, built twice from src/cli/main.ts. bin.cjs is what
// package.json's `bin` runs: a CommonJS entry, because an ES module entry costs every process Node's
// ES module loader (about 5 ms before the first line). main.js is the same as an ES module, for
// `node dist/src/cli/main.js`. tsc's run-program.js stays external: the loader falls back to it only
// when cli.cjs is missing.
const entryOptions = {
  entryPoints: [join(projectRoot, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  external: ['./run-program.js'],
  write: false,
  logLevel: 'warning',
  legalComments: 'none',
};
const entries = [
  await build({
    ...entryOptions,
    outfile: join(outdir, 'main.js'),
    format: 'esm',
    define: { INFRAKIT_BUNDLED_ENTRY: 'true' },
  }),
  await build({
    ...entryOptions,
    outfile: join(outdir, 'bin.cjs'),
    format: 'cjs',
    define: { INFRAKIT_BUNDLED_ENTRY: 'true', 'import.meta.url': '__infrakitModuleUrl' },
    banner: { js: "const __infrakitModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
];

const cli = await build({
  entryPoints: [join(projectRoot, 'src', 'cli', 'run-program.ts')],
  outfile: bundleFile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  write: false,
  metafile: true,
  plugins: [englishOnlyZodLocales, commanderLazyChildProcess, externalPackages],
  logLevel: 'warning',
  legalComments: 'none',
  // What a module's own location means in CommonJS (package-root.ts, validator-environment.ts...).
  define: { 'import.meta.url': '__infrakitModuleUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const __infrakitModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const dynamicExternals = new Set(
  Object.values(cli.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.kind === 'dynamic-import' && entry.external)
    .map((entry) => entry.path),
);
const buildId = randomUUID();
for (const file of cli.outputFiles) {
  const text = file.path.endsWith('.cjs')
    ? `${asciiOnly(routeDynamicImports(file.text, dynamicExternals))}//# infrakit-build ${buildId}\n`
    : file.text;
  await writeWhole(file.path, text);
}
// The bin's entries are executable: `npm link` and `npm install -g .` link to bin.cjs as it is.
for (const file of entries.flatMap((entry) => entry.outputFiles))
  await writeWhole(file.path, file.text, file.path.endsWith('.map') ? 0o644 : 0o755);

// The code cache: a separate process with a clean environment (no keys, a temporary HOME).
const warmup = spawnSync(
  process.execPath,
  [join(projectRoot, 'scripts', 'code-cache-warmup.mjs'), bundleFile],
  {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  },
);
if (warmup.status !== 0) {
  process.stderr.write(`bundle: making the code cache failed (exit ${warmup.status}):\n${warmup.stderr}`);
  process.exit(1);
}

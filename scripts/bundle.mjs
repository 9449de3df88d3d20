#!/usr/bin/env node
// Bundles the CLI so that it starts fast: one entry file plus code-split chunks that the commands
// import lazily, with source maps. Run by `npm run build` after tsc, which type-checks and emits
// dist/ (the in-process tests and the bench import those modules). The bundle replaces tsc's
// dist/src/cli/main.js, so the `infrakit` bin, every test that spawns the CLI and the bench run the
// bundled entry; its behaviour and output are the same, only module loading differs.
//
// Packages that are small, pure and loaded at start-up (zod, commander, yaml, js-yaml, xstate,
// semver, cel-js) are bundled; every other package stays external and is loaded from node_modules
// when a command needs it (several read files of their own at run time, which a bundle would break).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
await build({
  entryPoints: { main: join(projectRoot, 'src', 'cli', 'main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [englishOnlyZodLocales, commanderLazyChildProcess, externalPackages],
  logLevel: 'warning',
  legalComments: 'none',
  // commander (CommonJS) calls require(); give every output file a real one.
  banner: {
    js: "import { createRequire as __infrakitCreateRequire } from 'node:module'; const require = __infrakitCreateRequire(import.meta.url);",
  },
});

#!/usr/bin/env node
// The `infrakit` bin. `infrakit --version` alone (as scripts and version checks run it) is answered
// from package.json without loading commander or any command: the same line commander prints, exit 0.
// Everything else, including `--version` with other arguments, runs the full program: from the
// bundle `npm run build` writes next to this file (cli.cjs, compiled from a V8 code cache: the
// command's own for status, verify and review, else the full one; see code-cache.ts and
// scripts/bundle.mjs), or, in a tree built by tsc alone, from run-program.js.
//
// scripts/bundle.mjs builds this file twice: bin.cjs, what package.json's `bin` runs (a CommonJS
// entry spares each process Node's ES module loader, about 5 ms), and main.js, the same as an ES
// module (`node dist/src/cli/main.js`, and tsc's own build). Hence no top-level await here.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFilesFor, loadBundle } from './code-cache.js';
import { versionOnly } from './version-only.js';

/** Set (to true) by scripts/bundle.mjs in the bundled entries only: tsc's own main.js never runs a bundle. */
declare const INFRAKIT_BUNDLED_ENTRY: boolean | undefined;

/** What the bundle and run-program.js export for the bin. */
interface Program {
  runAsBin(): void;
}

if (!versionOnly(process.argv.slice(2))) {
  const bundle = join(fileURLToPath(new URL('.', import.meta.url)), 'cli.cjs');
  const bundled = typeof INFRAKIT_BUNDLED_ENTRY !== 'undefined' && INFRAKIT_BUNDLED_ENTRY;
  const loaded = bundled ? loadBundle(bundle, cacheFilesFor(bundle, process.argv.slice(2))) : undefined;
  if (loaded) (loaded.exports as unknown as Program).runAsBin();
  else
    void import('./run-program.js').then((program: Program) => {
      program.runAsBin();
    });
}

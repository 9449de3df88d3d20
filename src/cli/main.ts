#!/usr/bin/env node
// The `infrakit` bin. `infrakit --version` alone (as scripts and version checks run it) is answered
// from package.json without loading commander or any command: the same line commander prints, exit 0.
// Everything else, including `--version` with other arguments, runs the full program.
import { versionOnly } from './version-only.js';

if (!versionOnly(process.argv.slice(2))) {
  const { runAsBin } = await import('./run-program.js');
  runAsBin();
}

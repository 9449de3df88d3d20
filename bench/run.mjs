#!/usr/bin/env node
// Entry point of `npm run bench`: compiles src/, providers/, machines/, test/support/ (the loopback
// mock model server) and bench/ with tsc into dist/, then runs dist/bench/main.js.
// Set INFRAKIT_BENCH_SKIP_BUILD=1 to reuse an existing build. Arguments are passed through
// (e.g. `npm run bench -- --only P5 --runs 10`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

if (!process.env.INFRAKIT_BENCH_SKIP_BUILD) {
  const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = [tsc, '-p', join(projectRoot, 'bench', 'tsconfig.json')];
  // Serialise with other builds in the same tree when flock(1) exists; tsc emits despite type errors.
  const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  const result = hasFlock
    ? spawnSync('flock', ['/tmp/build.lock', process.execPath, ...build], {
        cwd: projectRoot,
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, build, { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(
      `bench: tsc reported problems (exit ${result.status}); running on what it emitted.\n`,
    );
    if (process.env.INFRAKIT_BENCH_VERBOSE) process.stderr.write(result.stdout + result.stderr);
  }
}
// tsc just re-emitted dist/src/cli/main.js unbundled: bundle it again so the bench measures the CLI
// as it ships (scripts/bundle.mjs, as `npm run build` does).
if (!process.env.INFRAKIT_BENCH_SKIP_BUILD) {
  const bundle = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'bundle.mjs')], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (bundle.status !== 0) {
    process.stderr.write(`bench: bundling the CLI failed (exit ${bundle.status}):\n${bundle.stderr}`);
    process.exit(1);
  }
}
const main = join(projectRoot, 'dist', 'bench', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(
    `bench: ${main} was not built; run "npm run build" and "npx tsc -p bench/tsconfig.json".\n`,
  );
  process.exit(1);
}
const argv = process.argv.slice(2);
if (argv[0] === 'record-eval') {
  // Regenerates the scripted replay recordings of the eval cases (eval/cases/recordings/).
  const { recordEvalCases } = await import(
    pathToFileURL(join(projectRoot, 'dist', 'bench', 'record-eval.js')).href
  );
  process.exitCode = await recordEvalCases(projectRoot);
} else {
  const { runBench } = await import(pathToFileURL(main).href);
  process.exitCode = await runBench(argv, projectRoot);
}

#!/usr/bin/env node
// P4: verification speed. Imports the full provider-upjet-aws v2.6.0 CRD tarball (2,043 CRDs) into a
// temporary project and cache (never the repository), then verifies a Pipeline composition with 50
// managed resources warm, in-process and as a whole `infrakit verify` process. Compares with
// `crossplane beta validate` when it is installed. Prints figures; asserts nothing.
// Needs a build (`npx tsc -p .`); the last line is JSON for bench/main.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compositionWithManagedResources } from './p4/composition-with-managed-resources.mjs';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const tarball = resolve(projectRoot, '..', 'shared', 'crds', 'provider-upjet-aws-v2.6.0-crds.tar.gz');
const coreCrds = resolve(projectRoot, '..', 'shared', 'crds', 'crossplane-v2.3.4');
const dist = join(projectRoot, 'dist', 'src');
const runs = Number(process.env.P4_RUNS ?? 10);
const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
const fixed = (value) => Math.round(value * 10) / 10;

if (!existsSync(tarball)) {
  console.log(`P4 skipped: ${tarball} is absent (../shared beside the project)`);
  console.log(JSON.stringify({ skipped: true, reason: 'tarball absent' }));
  process.exit(0);
}
if (!existsSync(join(dist, 'verify', 'verify-paths.js')))
  spawnSync(
    'flock',
    [
      '/tmp/build.lock',
      process.execPath,
      join(projectRoot, 'node_modules/typescript/bin/tsc'),
      '-p',
      projectRoot,
    ],
    { stdio: 'ignore' },
  );

const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { importSchemas } = await load('schemas/import.js');
const { SchemaStore } = await load('schemas/store.js');
const { verifyPaths } = await load('verify/verify-paths.js');

const work = await mkdtemp(join(tmpdir(), 'ik-p4-'));
const cacheDirectory = join(work, 'cache');
const project = join(work, 'project');
await mkdir(join(project, '.infrakit'), { recursive: true });
await writeFile(join(project, 'composition.yaml'), compositionWithManagedResources(50));

let started = performance.now();
const imported = await importSchemas(tarball, { projectRoot: project, cacheDirectory });
const importMs = performance.now() - started;
await importSchemas(coreCrds, { projectRoot: project, cacheDirectory });
started = performance.now();
const second = join(work, 'second-project');
await mkdir(join(second, '.infrakit'), { recursive: true });
const reused = await importSchemas(tarball, { projectRoot: second, cacheDirectory });
const reuseMs = performance.now() - started;
const indexMb = imported.manifest.bytes / 1024 / 1024;
console.log(
  `import: ${imported.manifest.kinds.length} kinds from the 2,043-CRD tarball in ${Math.round(importMs)} ms (one-off); index ${indexMb.toFixed(1)} MB in the user cache; a second project reuses it in ${Math.round(reuseMs)} ms (from cache: ${reused.fromCache})`,
);

const inProcess = [];
let result;
for (let run = 0; run < runs; run += 1) {
  started = performance.now();
  const store = await SchemaStore.open(project, { cacheDirectory, autoCore: false });
  result = await verifyPaths(['composition.yaml'], { projectRoot: project, store });
  inProcess.push(performance.now() - started);
}
console.log(
  `verify in-process (store open + parse + verify), warm: median ${fixed(median(inProcess))} ms over ${runs} runs (first run ${fixed(inProcess[0])} ms); ${result.resources} resources, ${result.errors} errors, ${result.warnings} warnings`,
);

const bin = join(projectRoot, 'dist', 'src', 'cli', 'bin.cjs');
// The whole `infrakit verify` process and a bare `node -e 0`, interleaved run by run so that both see
// the same machine load; one warm-up round first.
// CPU time (user + system) of the finished children, from /proc/self/stat (Linux; 10 ms ticks): a
// figure machine load does not inflate, printed beside the wall times.
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
const childCpuMs = () => {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
};
const processTimes = [];
const bare = [];
const processCpu = [];
const bareCpu = [];
const processRuns = Math.max(5, runs);
for (let run = 0; run <= processRuns; run += 1) {
  const cpuStart = childCpuMs();
  started = performance.now();
  spawnSync(process.execPath, [bin, 'verify', 'composition.yaml'], {
    cwd: project,
    env: { ...process.env, INFRAKIT_CACHE_DIR: cacheDirectory, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const verifyMs = performance.now() - started;
  const cpuMiddle = childCpuMs();
  started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  const bareMs = performance.now() - started;
  const cpuEnd = childCpuMs();
  if (run === 0) continue;
  processTimes.push(verifyMs);
  bare.push(bareMs);
  if (cpuStart !== undefined) {
    processCpu.push(cpuMiddle - cpuStart);
    bareCpu.push(cpuEnd - cpuMiddle);
  }
}
const cpuNote = processCpu.length
  ? `; CPU (user + system) median ${fixed(median(processCpu))} ms, bare node ${fixed(median(bareCpu))} ms`
  : '';
console.log(
  `infrakit verify as a process, warm: median ${fixed(median(processTimes))} ms (bare node start-up ${fixed(median(bare))} ms)${cpuNote}; target ≤ 200 ms`,
);

const crossplane = spawnSync('crossplane', ['version', '--client'], { encoding: 'utf8' });
let crossplaneMs;
if (crossplane.error || crossplane.status !== 0) {
  console.log(
    'crossplane beta validate: skipped: `crossplane` is not installed, and it cannot be installed on this machine (the Go module proxy refuses the crossplane modules), so the ≥5× comparison was not measured',
  );
} else {
  const times = [];
  for (let run = 0; run < 3; run += 1) {
    started = performance.now();
    spawnSync('crossplane', ['beta', 'validate', tarball, join(project, 'composition.yaml')], {
      encoding: 'utf8',
    });
    times.push(performance.now() - started);
  }
  crossplaneMs = median(times);
  console.log(
    `crossplane beta validate: median ${fixed(crossplaneMs)} ms; ratio ${fixed(crossplaneMs / median(processTimes))}× (target ≥ 5×)`,
  );
}
await rm(work, { recursive: true, force: true });
console.log(
  JSON.stringify({
    kinds: imported.manifest.kinds.length,
    importMs: Math.round(importMs),
    reuseMs: Math.round(reuseMs),
    indexBytes: imported.manifest.bytes,
    verifyInProcessMedianMs: fixed(median(inProcess)),
    verifyInProcessFirstMs: fixed(inProcess[0]),
    verifyProcessMedianMs: fixed(median(processTimes)),
    nodeStartMedianMs: fixed(median(bare)),
    verifyProcessMs: processTimes.map(fixed),
    nodeStartMs: bare.map(fixed),
    verifyProcessCpuMedianMs: processCpu.length ? fixed(median(processCpu)) : null,
    nodeStartCpuMedianMs: bareCpu.length ? fixed(median(bareCpu)) : null,
    resources: result.resources,
    errors: result.errors,
    crossplaneValidateMs: crossplaneMs ?? null,
    crossplaneSkipped: crossplaneMs === undefined,
  }),
);

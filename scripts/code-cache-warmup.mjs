#!/usr/bin/env node
// Makes dist/src/cli/cli.cjs.cache, V8's code cache for the CLI bundle (run by scripts/bundle.mjs,
// in a process of its own with a clean environment). It loads the bundle exactly as the bin does
// (src/cli/code-cache.ts, compiled by tsc), runs the commands users wait on most (status, verify,
// review, help) once in a temporary project so that V8 has compiled the functions they call, then
// asks V8 for the cache: a process that loads it deserialises that bytecode instead of compiling.
// Output of the commands is discarded; a command that fails still leaves its functions compiled.
// Nothing here reaches the network or a model; the temporary project is removed.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const bundleFile = process.argv[2] && resolve(process.argv[2]);
const loader = join(projectRoot, 'dist', 'src', 'cli', 'code-cache.js');
if (!bundleFile || !existsSync(bundleFile)) {
  process.stderr.write(`code-cache-warmup: no bundle at ${bundleFile}: run scripts/bundle.mjs\n`);
  process.exit(2);
}
if (!existsSync(loader)) {
  process.stderr.write(`code-cache-warmup: ${loader} is missing: run tsc -p tsconfig.json first\n`);
  process.exit(2);
}
const { loadBundle, cacheFileContent } = await import(pathToFileURL(loader).href);

const work = mkdtempSync(join(tmpdir(), 'infrakit-code-cache-'));
const project = join(work, 'project');
const profile = join(projectRoot, 'eval', 'cases', 'project');
mkdirSync(join(project, '.infrakit'), { recursive: true });
for (const [from, to] of [
  ['context.md', 'context.md'],
  ['tagging-standard-cloudformation.md', 'tagging-standard.md'],
  ['coding-style-cloudformation.md', 'coding-style.md'],
])
  if (existsSync(join(profile, from))) copyFileSync(join(profile, from), join(project, '.infrakit', to));
const fixtures = join(projectRoot, 'test', 'fixtures', 'verify');
const files = [
  ['cloudformation', 'bucket-clean.yaml', 'template.yaml'],
  ['cloudformation', 'defects.yaml', 'defects.yaml'],
  ['crossplane', 'composition-clean.yaml', 'composition.yaml'],
  ['terraform', 'main.tf', 'main.tf'],
].filter(([folder, name]) => existsSync(join(fixtures, folder, name)));
for (const [folder, name, as] of files) copyFileSync(join(fixtures, folder, name), join(project, as));
const present = new Set(files.map(([, , as]) => as));
// A one-CRD schema set, so that verify also runs the schema store and the field checks (P4's path).
const widgetCrd = join(fixtures, 'schemas', 'structural-widgets.yaml');
if (existsSync(widgetCrd)) {
  writeFileSync(
    join(project, 'widget.yaml'),
    'apiVersion: example.infrakit.dev/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  name: wide\n  replicas: 9\n  regoin: x\n',
  );
  present.add('widget.yaml');
}

const commands = [
  ['status'],
  ['status', '--json'],
  ...(present.has('widget.yaml') ? [['schemas', 'import', widgetCrd]] : []),
  ...['widget.yaml', 'template.yaml', 'defects.yaml', 'composition.yaml', 'main.tf']
    .filter((file) => present.has(file))
    .map((file) => ['verify', file]),
  ...(present.has('defects.yaml')
    ? [['review', 'defects.yaml', '--fail-on', 'critical', '--no-auto-lint']]
    : []),
  ['--help'],
];

// The commands write to stdout and stderr: both are discarded (the bundle writes through them).
for (const stream of [process.stdout, process.stderr])
  stream.write = (_chunk, _encoding, done) => {
    if (typeof _encoding === 'function') _encoding();
    else if (typeof done === 'function') done();
    return true;
  };
process.env.HOME = work;
process.chdir(project);
// The bundle runs its own `main(process.argv)` when loaded: with a version request that commander
// answers without any I/O (done within the next turn of the event loop); then each command in turn.
process.argv = [process.execPath, bundleFile, '--no-color', '--version'];
const loaded = loadBundle(bundleFile, `${bundleFile}.cache`);
if (!loaded?.script) {
  process.stderr.write('code-cache-warmup: the bundle did not run through vm.Script (source maps on?)\n');
  process.exit(2);
}
await new Promise((resolve) => setImmediate(resolve));
for (const args of commands) {
  process.exitCode = undefined; // each command starts as in a process of its own
  await loaded.exports.main([process.execPath, bundleFile, ...args]);
}

// Written whole: a CLI started meanwhile reads no cache or all of it.
writeFileSync(
  `${bundleFile}.cache.${process.pid}.tmp`,
  cacheFileContent(readFileSync(bundleFile, 'utf8'), loaded.script.createCachedData()),
);
renameSync(`${bundleFile}.cache.${process.pid}.tmp`, `${bundleFile}.cache`);
process.chdir(projectRoot);
rmSync(work, { recursive: true, force: true });
process.exitCode = 0;

#!/usr/bin/env node
// Makes dist/src/cli/cli.cjs.cache, V8's code cache for the CLI bundle (run by scripts/bundle.mjs,
// in a process of its own with a clean environment). It loads the bundle exactly as the bin does
// (src/cli/code-cache.ts, compiled by tsc), runs the commands users wait on most (status, verify,
// review, help) once in a temporary project so that V8 has compiled the functions they call, then
// asks V8 for the cache: a process that loads it deserialises that bytecode instead of compiling.
// Then, in a fresh process each (this script again, with `--command <name> --project <dir>`), it
// runs only status, only verify and only review in the same project and writes each command's own
// cache (cli.cjs.<name>.cache, COMMAND_CACHES in src/cli/code-cache.ts): V8 reads a whole cache
// before the first line runs, so a command loads only the bytecode it uses.
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
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const bundleFile = process.argv[2] && resolve(process.argv[2]);
// `--command <name> --project <dir>`: one command's own cache, in a project the full run prepared.
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at > 2 ? process.argv[at + 1] : undefined;
};
const onlyCommand = option('--command');
const preparedProject = option('--project');
const loader = join(projectRoot, 'dist', 'src', 'cli', 'code-cache.js');
if (!bundleFile || !existsSync(bundleFile)) {
  process.stderr.write(`code-cache-warmup: no bundle at ${bundleFile}: run scripts/bundle.mjs\n`);
  process.exit(2);
}
if (!existsSync(loader)) {
  process.stderr.write(`code-cache-warmup: ${loader} is missing: run tsc -p tsconfig.json first\n`);
  process.exit(2);
}
const { loadBundle, cacheFileContent, commandCacheFile, COMMAND_CACHES } = await import(
  pathToFileURL(loader).href
);
if (onlyCommand !== undefined && (!COMMAND_CACHES.includes(onlyCommand) || !preparedProject)) {
  process.stderr.write(
    `code-cache-warmup: --command takes one of ${COMMAND_CACHES.join(', ')} and --project\n`,
  );
  process.exit(2);
}

const work = preparedProject ? dirname(preparedProject) : mkdtempSync(join(tmpdir(), 'infrakit-code-cache-'));
const project = preparedProject ?? join(work, 'project');
const fixtures = join(projectRoot, 'test', 'fixtures', 'verify');
const widgetCrd = join(fixtures, 'schemas', 'structural-widgets.yaml');
if (!preparedProject) prepareProject();
const present = new Set(
  ['widget.yaml', 'template.yaml', 'defects.yaml', 'composition.yaml', 'main.tf'].filter((file) =>
    existsSync(join(project, file)),
  ),
);

/** The temporary project: the eval profile's constraints and the verify fixtures. */
function prepareProject() {
  const profile = join(projectRoot, 'eval', 'cases', 'project');
  mkdirSync(join(project, '.infrakit'), { recursive: true });
  for (const [from, to] of [
    ['context.md', 'context.md'],
    ['tagging-standard-cloudformation.md', 'tagging-standard.md'],
    ['coding-style-cloudformation.md', 'coding-style.md'],
  ])
    if (existsSync(join(profile, from))) copyFileSync(join(profile, from), join(project, '.infrakit', to));
  for (const [folder, name, as] of [
    ['cloudformation', 'bucket-clean.yaml', 'template.yaml'],
    ['cloudformation', 'defects.yaml', 'defects.yaml'],
    ['crossplane', 'composition-clean.yaml', 'composition.yaml'],
    ['terraform', 'main.tf', 'main.tf'],
  ])
    if (existsSync(join(fixtures, folder, name)))
      copyFileSync(join(fixtures, folder, name), join(project, as));
  // A one-CRD schema set (imported by the full run), so that verify also runs the schema store and
  // the field checks (P4's path).
  if (existsSync(widgetCrd))
    writeFileSync(
      join(project, 'widget.yaml'),
      'apiVersion: example.infrakit.dev/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  name: wide\n  replicas: 9\n  regoin: x\n',
    );
}

/** What each command's own cache is made from (COMMAND_CACHES). */
const byCommand = {
  status: [['status'], ['status', '--json']],
  verify: ['widget.yaml', 'template.yaml', 'defects.yaml', 'composition.yaml', 'main.tf']
    .filter((file) => present.has(file))
    .map((file) => ['verify', file]),
  review: present.has('defects.yaml')
    ? [['review', 'defects.yaml', '--fail-on', 'critical', '--no-auto-lint']]
    : [],
};
const commands = onlyCommand
  ? byCommand[onlyCommand]
  : [
      ...byCommand.status,
      ...(present.has('widget.yaml') ? [['schemas', 'import', widgetCrd]] : []),
      ...byCommand.verify,
      ...byCommand.review,
      ['--help'],
    ];
const cacheFile = onlyCommand ? commandCacheFile(bundleFile, onlyCommand) : `${bundleFile}.cache`;

// The commands write to stdout and stderr: both are discarded (the bundle writes through them).
const writeStreams = [process.stdout, process.stderr].map((stream) => [stream, stream.write]);
for (const [stream] of writeStreams)
  stream.write = (_chunk, _encoding, done) => {
    if (typeof _encoding === 'function') _encoding();
    else if (typeof done === 'function') done();
    return true;
  };
process.env.HOME = work;
process.chdir(project);
process.argv = [process.execPath, bundleFile, '--no-color', '--version'];
// No cache is given: what V8 compiles here is what the cache will hold.
rmSync(cacheFile, { force: true });
const loaded = loadBundle(bundleFile, cacheFile);
if (!loaded?.script) {
  process.stderr.write('code-cache-warmup: the bundle did not run through vm.Script (source maps on?)\n');
  process.exit(2);
}
for (const args of commands) {
  process.exitCode = undefined; // each command starts as in a process of its own
  await loaded.exports.main([process.execPath, bundleFile, ...args]);
}

// Written whole: a CLI started meanwhile reads no cache or all of it.
writeFileSync(
  `${cacheFile}.${process.pid}.tmp`,
  cacheFileContent(readFileSync(bundleFile, 'utf8'), loaded.script.createCachedData()),
);
renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
for (const [stream, write] of writeStreams) stream.write = write;
process.chdir(projectRoot);

if (!onlyCommand) {
  // Each command's own cache, in a fresh process (a process's cache holds all it ever compiled).
  let failed = false;
  for (const command of COMMAND_CACHES) {
    const own = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), bundleFile, '--command', command, '--project', project],
      { encoding: 'utf8', env: process.env },
    );
    if (own.status !== 0) {
      process.stderr.write(
        `code-cache-warmup: the ${command} cache failed (exit ${own.status}):\n${own.stderr}`,
      );
      failed = true;
    }
  }
  rmSync(work, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
} else process.exitCode = 0;

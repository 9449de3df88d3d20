import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage, sandboxThrough } from './support/checkpoints.js';
import { cliMissing, describeRun, pool } from './support/cli.js';
import { listFiles, readState, trackOf } from './support/flow.js';
import { outputName, scriptWith } from './support/model-script.js';
import { type Sandbox } from './support/project.js';

const CODE_DIR = 'compositions/keyspace';
const FIFTY_MB = 50 * 1024 * 1024;

/** One hostile answer: the files the IaC Engineer returns, and what to plant in the project first. */
interface HostileCase {
  name: string;
  files: (sandbox: Sandbox) => Array<{ path: string; content: string }>;
  plant?: (sandbox: Sandbox) => void;
  refusal: RegExp;
}

const one =
  (path: string | ((sandbox: Sandbox) => string), content = 'kind: Evil\n') =>
  (sandbox: Sandbox) => [
    { path: 'definition.yaml', content: 'kind: CompositeResourceDefinition\n' },
    { path: typeof path === 'string' ? path : path(sandbox), content },
  ];
const REFUSED = /refused to write/;

const CORPUS: HostileCase[] = [
  { name: '../ one level', files: one('../escape.yaml'), refusal: REFUSED },
  { name: '../ to the sandbox', files: one('../../../outside/escape.yaml'), refusal: REFUSED },
  { name: '../ after a folder', files: one('sub/../../../escape.yaml'), refusal: REFUSED },
  { name: '..\\ backslashes', files: one('..\\..\\escape.yaml'), refusal: REFUSED },
  { name: 'prefixed ../', files: one(`${CODE_DIR}/../../escape.yaml`), refusal: REFUSED },
  {
    name: 'absolute into outside/',
    files: one((sandbox) => join(sandbox.outside, 'absolute.yaml')),
    refusal: REFUSED,
  },
  { name: 'absolute /etc', files: one('/etc/infrakit-reliability-canary'), refusal: REFUSED },
  { name: 'Windows drive backslash', files: one('C:\\Windows\\System32\\evil.dll'), refusal: REFUSED },
  { name: 'Windows drive slash', files: one('C:/evil.yaml'), refusal: REFUSED },
  { name: 'UNC path', files: one('\\\\server\\share\\evil.yaml'), refusal: REFUSED },
  { name: 'NUL byte', files: one('evil\u0000.yaml'), refusal: REFUSED },
  { name: 'very long name', files: one(`${'x'.repeat(300)}.yaml`), refusal: REFUSED },
  { name: 'very long path', files: one(`${'deep/'.repeat(400)}evil.yaml`), refusal: REFUSED },
  { name: '.git/ hook', files: one('.git/hooks/pre-commit', '#!/bin/sh\necho pwned\n'), refusal: REFUSED },
  { name: 'project .git/config', files: one('../../.git/config'), refusal: REFUSED },
  {
    name: '.infrakit/config.yaml',
    files: one('.infrakit/config.yaml', 'provider: openai\n'),
    refusal: REFUSED,
  },
  {
    name: 'project .infrakit/config.yaml',
    files: one('../../.infrakit/config.yaml', 'provider: openai\n'),
    refusal: REFUSED,
  },
  {
    name: 'symlinked folder in the target',
    plant: (sandbox) => {
      mkdirSync(join(sandbox.root, CODE_DIR), { recursive: true });
      symlinkSync(sandbox.outside, join(sandbox.root, CODE_DIR, 'linked'));
    },
    files: one('linked/evil.yaml'),
    refusal: REFUSED,
  },
  {
    name: 'symlinked file in the target',
    plant: (sandbox) => {
      mkdirSync(join(sandbox.root, CODE_DIR), { recursive: true });
      symlinkSync(join(sandbox.outside, 'sentinel.txt'), join(sandbox.root, CODE_DIR, 'composition.yaml'));
    },
    files: one('composition.yaml'),
    refusal: REFUSED,
  },
  {
    name: 'the target folder itself a symlink',
    plant: (sandbox) => {
      mkdirSync(join(sandbox.root, 'compositions'), { recursive: true });
      symlinkSync(sandbox.outside, join(sandbox.root, CODE_DIR));
    },
    files: one('evil.yaml'),
    refusal: REFUSED,
  },
  {
    name: '50 MB answer',
    // A generous HTTP timeout, so the 50 MB really reaches the code-writing step.
    plant: (sandbox) =>
      writeFileSync(
        join(sandbox.root, '.infrakit', 'config.yaml'),
        'maxRetries: 0\ntimeoutMs: 60000\nretryBaseDelayMs: 1\n',
      ),
    files: one('huge.yaml', 'a'.repeat(FIFTY_MB)),
    refusal: /refused to write "huge\.yaml": \d+ bytes is more than/,
  },
];

const CONCURRENCY = 2;
const counts = { attempts: 0, refused: 0, outsideWrites: 0 };
const failures: string[] = [];
/** A file's content hash; a symlink is recorded by its target, never followed. */
const sha = (path: string) =>
  lstatSync(path).isSymbolicLink()
    ? `symlink -> ${readlinkSync(path)}`
    : createHash('sha256').update(readFileSync(path)).digest('hex');

/** Hashes of every file the model may not touch: the sandbox minus the code folder and the track folder. */
function protectedFiles(sandbox: Sandbox): Record<string, string> {
  const track = trackOf(sandbox) ?? '';
  const allowed = (file: string) =>
    file.startsWith('project/.git/') ||
    file.startsWith(`project/${CODE_DIR}/`) ||
    file.startsWith(`project/.infrakit/tracks/${track}/`) ||
    file === 'project/.infrakit/tracks.md';
  // git's own bookkeeping changes with every step commit; what a model could abuse is checked by name.
  const gitFiles = [
    'config',
    'HEAD',
    ...listFiles(join(sandbox.root, '.git', 'hooks')).map((file) => `hooks/${file}`),
  ];
  const entries = listFiles(sandbox.base)
    .filter((file) => !allowed(file))
    .map((file) => [file, sha(join(sandbox.base, file))]);
  for (const file of gitFiles) {
    const path = join(sandbox.root, '.git', file);
    entries.push([`.git/${file}`, existsSync(path) ? sha(path) : 'absent']);
  }
  return Object.fromEntries(entries);
}

describe.skipIf(cliMissing)('R3: hostile model output through the real code-writing step', () => {
  let planned: Sandbox;
  let mock: MockModelServer;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    planned = await sandboxThrough(['new', 'plan'], mock.url);
  });

  afterAll(async () => {
    await mock?.close();
    console.log(
      `R3 hostile output: ${counts.refused}/${counts.attempts} escape attempts refused with a clear error and the track blocked; ${counts.outsideWrites} writes outside the allowed folder`,
    );
    if (failures.length) console.log(`R3 failures:\n${failures.join('\n')}`);
  });

  it(`refuses each of ${CORPUS.length} hostile answers`, async () => {
    await pool(
      CORPUS.map((hostile) => async () => {
        const sandbox = copySandbox(planned);
        hostile.plant?.(sandbox);
        const before = protectedFiles(sandbox);
        const server = await startMockModelServer({
          script: scriptWith([
            {
              match: { persona: 'iac-engineer', predicate: (request) => outputName(request) === 'code' },
              reply: { json: { files: hostile.files(sandbox), notes: '' } },
            },
          ]),
        });
        try {
          const run = await runStage('implement', sandbox, server.url);
          counts.attempts += 1;
          const after = protectedFiles(sandbox);
          const changed = Object.keys({ ...before, ...after }).filter((file) => before[file] !== after[file]);
          const escaped = existsSync('/etc/infrakit-reliability-canary') || changed.length > 0;
          if (escaped) counts.outsideWrites += Math.max(1, changed.length);
          const state = readState(sandbox);
          const problems: string[] = [];
          if (escaped) problems.push(`wrote outside the allowed folder: ${changed.join(', ')}`);
          if (run.code === 1 || run.signal || /internal error/i.test(run.stderr)) problems.push('crashed');
          if (state.value !== 'blocked')
            problems.push(`the track is ${JSON.stringify(state.value)}, not blocked`);
          if (
            !hostile.refusal.test(`${run.stdout}\n${run.stderr}`) ||
            !hostile.refusal.test(state.reason ?? '')
          )
            problems.push('no clear refusal in the output and state.json');
          if (problems.length) failures.push(`${hostile.name}: ${problems.join('; ')}\n${describeRun(run)}`);
          else counts.refused += 1;
        } finally {
          await server.close();
        }
      }),
      CONCURRENCY,
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(counts.refused).toBe(CORPUS.length);
  });
});

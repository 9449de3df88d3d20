import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage, sandboxThrough } from './support/checkpoints.js';
import { cliEnvironment, cliMissing, describeRun, runCli } from './support/cli.js';
import { listFiles, trackOf } from './support/flow.js';
import { scriptWith } from './support/model-script.js';
import { type Sandbox } from './support/project.js';

const SECRET = 'PRIVATE0KEY0OUTSIDE0THE0PROJECT';
const counts = { tried: 0, handled: 0 };
const record = (handled: boolean) => {
  counts.tried += 1;
  if (handled) counts.handled += 1;
};

/** The parts of state.json the forgeries change. */
interface ForgedState {
  meta: { track: string; codeDirectory: string };
  snapshot: { value: unknown; status: string; context: { steps: Array<Record<string, unknown>> } };
}

/** Rewrites the track's state.json with `change` applied to the parsed file. */
function forgeState(sandbox: Sandbox, change: (state: ForgedState) => void): void {
  const path = join(sandbox.root, '.infrakit', 'tracks', trackOf(sandbox)!, 'state.json');
  const state = JSON.parse(readFileSync(path, 'utf8'));
  change(state);
  writeFileSync(path, JSON.stringify(state, null, 2));
}

describe.skipIf(cliMissing)('R11: forged state, locks and track folders are refused', () => {
  let reviewed: Sandbox;
  let mock: MockModelServer;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    reviewed = await sandboxThrough(['new'], mock.url);
  });

  afterAll(async () => {
    await mock?.close();
    console.log(
      `R11 forged state: ${counts.handled}/${counts.tried} forged files refused with the fix (or safely taken over)`,
    );
  });

  const forgeries: Array<{ name: string; change: (state: ForgedState) => void; field: RegExp }> = [
    { name: 'meta.track ../../..', change: (state) => (state.meta.track = '../../..'), field: /meta\.track/ },
    {
      name: 'meta.codeDirectory ../outside',
      change: (state) => (state.meta.codeDirectory = '../outside'),
      field: /meta\.codeDirectory/,
    },
    {
      name: 'meta.codeDirectory .git/hooks',
      change: (state) => (state.meta.codeDirectory = '.git/hooks/keyspace'),
      field: /meta\.codeDirectory/,
    },
    {
      name: 'a step file outside the track',
      change: (state) =>
        state.snapshot.context.steps.push({
          number: 99,
          name: 'x',
          persona: 'x',
          files: ['../outside/sentinel.txt'],
        }),
      field: /steps \(step 99\)/,
    },
  ];

  it.each(forgeries)(
    'refuses a state.json with $name before reading or sending anything',
    async ({ change, field }) => {
      const sandbox = copySandbox(reviewed);
      writeFileSync(join(sandbox.outside, 'id_rsa'), `${SECRET}\n`);
      forgeState(sandbox, change);
      const before = listFiles(sandbox.base);
      const server = await startMockModelServer({ script: scriptWith([]) });
      try {
        const run = await runCli(['plan', trackOf(sandbox)!, '--answers', sandbox.answers], {
          cwd: sandbox.root,
          env: cliEnvironment(sandbox, server.url),
        });
        const leaked = server.requests.some((request) => JSON.stringify(request.body).includes(SECRET));
        const created = listFiles(sandbox.base).filter(
          (file) => !before.includes(file) && !file.endsWith('/.lock'),
        );
        const handled =
          run.code === 3 &&
          field.test(run.stderr) &&
          /git checkout/.test(run.stderr) &&
          server.requests.length === 0 &&
          !leaked &&
          created.length === 0;
        record(handled);
        expect(
          handled,
          `requests ${server.requests.length}, created ${created.join(', ')}\n${describeRun(run)}`,
        ).toBe(true);
      } finally {
        await server.close();
      }
    },
  );

  it.each([0, 1, -1])('takes over a forged lock holding pid %i, never saying "kill %i"', async (pid) => {
    const sandbox = copySandbox(reviewed);
    const track = trackOf(sandbox)!;
    writeFileSync(
      join(sandbox.root, '.infrakit', 'tracks', track, '.lock'),
      JSON.stringify({ pid, since: 'x' }),
    );
    const run = await runStage('plan', sandbox, mock.url);
    const handled =
      run.code === 0 &&
      !/kill -?\d/.test(run.stderr) &&
      !existsSync(join(sandbox.root, '.infrakit', 'tracks', track, '.lock'));
    record(handled);
    expect(handled, describeRun(run)).toBe(true);
  });

  it('does not believe a forged done: status shows it unverified and resume refuses with the fix', async () => {
    const sandbox = copySandbox(reviewed);
    forgeState(sandbox, (state) => {
      state.snapshot.value = 'done';
      state.snapshot.status = 'done';
    });
    const env = cliEnvironment(sandbox, mock.url);
    const status = await runCli(['status', trackOf(sandbox)!, '--json'], { cwd: sandbox.root, env });
    const resume = await runCli(['resume', trackOf(sandbox)!], { cwd: sandbox.root, env });
    const shownDone = /"state":\s*"done"/.test(status.stdout);
    const handled =
      !shownDone &&
      resume.code === 3 &&
      /gate-report\.md/.test(resume.stderr) &&
      /git checkout/.test(resume.stderr);
    record(handled);
    expect(handled, `${describeRun(status)}\n${describeRun(resume)}`).toBe(true);
  });

  it('ignores a planted track folder whose name holds a terminal escape sequence', async () => {
    const sandbox = copySandbox(reviewed);
    const track = trackOf(sandbox)!;
    const planted = join(sandbox.root, '.infrakit', 'tracks', `evil\u001b[2J-20260101-000000`);
    mkdirSync(planted);
    cpSync(join(sandbox.root, '.infrakit', 'tracks', track, 'state.json'), join(planted, 'state.json'));
    const run = await runCli(['status'], { cwd: sandbox.root, env: cliEnvironment(sandbox, mock.url) });
    const handled = run.code === 0 && !`${run.stdout}${run.stderr}`.includes('\u001b[2J');
    record(handled);
    expect(handled, describeRun(run)).toBe(true);
    expect(readdirSync(join(sandbox.root, '.infrakit', 'tracks'))).toContain(track);
  });
});

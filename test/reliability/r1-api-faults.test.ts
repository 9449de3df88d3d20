import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockReply } from '../support/mock-model-server.js';
import { cliEnvironment, cliMissing, describeRun, pool, runCli, type CliRun } from './support/cli.js';
import { finalState, readState, runFullFlow, trackOf } from './support/flow.js';
import { CALL_POINTS, scriptWith } from './support/model-script.js';
import { createSandbox, type Sandbox } from './support/project.js';

/** Every fault the mock can inject, with what a reason naming it must contain. */
const FAULTS: Array<{ kind: string; reply: MockReply; names: RegExp }> = [
  { kind: '429 rate_limit', reply: { fault: 'rate_limit', retryAfterSeconds: 0.01 }, names: /rate.?limit|429/i },
  { kind: '500 server_error', reply: { fault: 'server_error' }, names: /server.?error|500/i },
  { kind: '529 overloaded', reply: { fault: 'overloaded', retryAfterSeconds: 0.01 }, names: /overloaded|529/i },
  { kind: 'timeout (hang)', reply: { fault: 'hang' }, names: /time.?out|timed out/i },
  { kind: 'dropped stream', reply: { fault: 'drop' }, names: /drop|connection|stream|terminated|socket/i },
  { kind: 'SSE error event', reply: { fault: 'sse_error' }, names: /drop|connection|stream|terminated|socket|error event/i },
  { kind: 'truncated JSON', reply: { fault: 'truncated_json' }, names: /json/i },
  { kind: 'schema-invalid answer', reply: { json: { unexpected: 'shape' } }, names: /schema|invalid/i },
  { kind: 'max_tokens', reply: { fault: 'max_tokens' }, names: /max.?tokens/i },
];

const CONCURRENCY = 3;
const crashed = (run: CliRun) => run.code === 1 || run.signal !== null || /internal error|Unhandled|uncaught/i.test(run.stderr);
const counts = { single: 0, singleOk: 0, persistent: 0, persistentOk: 0, resumed: 0 };
const failures: string[] = [];

describe.skipIf(cliMissing)('R1: API faults at every model call of new → plan → implement', () => {
  let reference: ReturnType<typeof finalState>;

  beforeAll(async () => {
    const mock = await startMockModelServer({ script: scriptWith([]) });
    const sandbox = createSandbox();
    const runs = await runFullFlow(sandbox, mock.url);
    await mock.close();
    expect(runs.every((run) => !crashed(run)), runs.map(describeRun).join('\n')).toBe(true);
    reference = finalState(sandbox);
  });

  afterAll(() => {
    console.log(`R1 faults (once, every kind × every call): ${counts.singleOk}/${counts.single} survived after retry with the uninterrupted result`);
    console.log(`R1 faults (persistent, every kind): ${counts.persistentOk}/${counts.persistent} blocked with a reason naming the fault; ${counts.resumed}/${counts.persistent} resumed to the uninterrupted result`);
    if (failures.length) console.log(`R1 failures:\n${failures.join('\n')}`);
  });

  it(`survives each of ${FAULTS.length} faults injected once at each of ${CALL_POINTS.length} calls`, async () => {
    const cases = FAULTS.flatMap((fault) => CALL_POINTS.map((point) => ({ fault, point })));
    await pool(
      cases.map(({ fault, point }) => async () => {
        const mock = await startMockModelServer({
          script: scriptWith([{ match: { persona: point.persona, predicate: point.matches }, reply: fault.reply, times: 1 }]),
        });
        const sandbox = createSandbox();
        try {
          const runs = await runFullFlow(sandbox, mock.url);
          counts.single += 1;
          const label = `${fault.kind} at ${point.persona} ${point.label}`;
          const injected = mock.requests.some((request) => request.persona === point.persona && point.matches(request));
          if (!injected) failures.push(`${label}: the call never happened`);
          else if (runs.some(crashed)) failures.push(`${label}: crashed\n${runs.map(describeRun).join('\n')}`);
          else if (JSON.stringify(finalState(sandbox)) !== JSON.stringify(reference)) failures.push(`${label}: final state differs: ${JSON.stringify(readState(sandbox).value)} ${readState(sandbox).reason ?? ''}\n${runs.map(describeRun).join('\n')}`);
          else counts.singleOk += 1;
        } finally {
          await mock.close();
        }
      }),
      CONCURRENCY,
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(counts.singleOk).toBe(FAULTS.length * CALL_POINTS.length);
  });

  it('blocks with a reason naming each persistent fault, and the track resumes to the same result', async () => {
    const persistentFailures: string[] = [];
    await pool(
      FAULTS.map((fault, index) => async () => {
        const point = CALL_POINTS[index % CALL_POINTS.length];
        const label = `persistent ${fault.kind} at ${point.persona} ${point.label}`;
        const mock = await startMockModelServer({
          script: scriptWith([{ match: { persona: point.persona, predicate: point.matches }, reply: fault.reply }]),
        });
        const sandbox: Sandbox = createSandbox();
        try {
          const runs = await runFullFlow(sandbox, mock.url);
          counts.persistent += 1;
          const last = runs[runs.length - 1];
          const track = trackOf(sandbox);
          const reason = track ? (readState(sandbox).reason ?? '') : '';
          if (runs.some(crashed)) persistentFailures.push(`${label}: crashed\n${runs.map(describeRun).join('\n')}`);
          else if (last.code === 0) persistentFailures.push(`${label}: exited 0 despite a persistent fault`);
          else if (!fault.names.test(`${reason}\n${last.stderr}`) || !fault.names.test(last.stderr)) persistentFailures.push(`${label}: reason does not name the fault\n${describeRun(last)}\nreason: ${reason}`);
          else counts.persistentOk += 1;
          mock.script(scriptWith([]));
          if (!track) return;
          const env = cliEnvironment(sandbox, mock.url);
          const resumed = await runCli(['implement', track, '--answers', sandbox.answers], { cwd: sandbox.root, env });
          if (JSON.stringify(finalState(sandbox)) === JSON.stringify(reference)) counts.resumed += 1;
          else persistentFailures.push(`${label}: did not resume to the uninterrupted result\n${describeRun(resumed)}`);
        } finally {
          await mock.close();
        }
      }),
      CONCURRENCY,
    );
    failures.push(...persistentFailures);
    expect(persistentFailures, persistentFailures.join('\n\n')).toEqual([]);
  });
});

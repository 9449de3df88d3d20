import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer, type MockReply } from '../support/mock-model-server.js';
import { buildCheckpoints, copySandbox, runStage, type Checkpoints } from './support/checkpoints.js';
import { cliMissing, describeRun, pool, type CliRun } from './support/cli.js';
import { comparable, finalState, readState, trackOf } from './support/flow.js';
import { CALL_POINTS, scriptWith } from './support/model-script.js';

/** Every fault the mock can inject, with what a reason naming it must contain. */
const FAULTS: Array<{ kind: string; reply: MockReply; names: RegExp }> = [
  {
    kind: '429 rate_limit',
    reply: { fault: 'rate_limit', retryAfterSeconds: 0.01 },
    names: /rate.?limit|429/i,
  },
  { kind: '500 server_error', reply: { fault: 'server_error' }, names: /server.?error|500/i },
  {
    kind: '529 overloaded',
    reply: { fault: 'overloaded', retryAfterSeconds: 0.01 },
    names: /overloaded|529/i,
  },
  { kind: 'timeout (hang)', reply: { fault: 'hang' }, names: /time.?out|timed out|in time/i },
  { kind: 'dropped stream', reply: { fault: 'drop' }, names: /drop|connection|stream|terminated|socket/i },
  {
    kind: 'SSE error event',
    reply: { fault: 'sse_error' },
    names: /drop|connection|stream|terminated|socket|error event/i,
  },
  { kind: 'truncated JSON', reply: { fault: 'truncated_json' }, names: /json/i },
  { kind: 'schema-invalid answer', reply: { json: { unexpected: 'shape' } }, names: /schema|invalid/i },
  { kind: 'max_tokens', reply: { fault: 'max_tokens' }, names: /max.?tokens|token limit/i },
];

const CONCURRENCY = 3;
/** A crash: exit 1 (internal error), killed by a signal, or an unhandled rejection's trace. */
export const crashed = (run: CliRun) =>
  run.code === 1 || run.signal !== null || /internal error|Unhandled|uncaught|\n\s+at /i.test(run.stderr);
const counts = { single: 0, singleOk: 0, persistent: 0, persistentOk: 0, resumed: 0 };
const failures: string[] = [];
const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

describe.skipIf(cliMissing)('R1: API faults at every model call of new → plan → implement', () => {
  let checkpoints: Checkpoints;
  let happy: MockModelServer;

  beforeAll(async () => {
    happy = await startMockModelServer({ script: scriptWith([]) });
    checkpoints = await buildCheckpoints(happy.url);
  });

  afterAll(async () => {
    await happy?.close();
    console.log(
      `R1 faults: ${counts.singleOk}/${counts.single} injected once (${FAULTS.length} kinds × ${CALL_POINTS.length} calls) survived after retry with the uninterrupted result`,
    );
    console.log(
      `R1 faults: ${counts.persistentOk}/${counts.persistent} persistent faults blocked with a reason naming the fault; ${counts.resumed}/${counts.persistent} resumed to the uninterrupted result`,
    );
    if (failures.length) console.log(`R1 failures:\n${failures.join('\n')}`);
  });

  it(`survives each of ${FAULTS.length} faults injected once at each of ${CALL_POINTS.length} calls`, async () => {
    const cases = FAULTS.flatMap((fault) => CALL_POINTS.map((point) => ({ fault, point })));
    const caseFailures: string[] = [];
    await pool(
      cases.map(({ fault, point }) => async () => {
        const mock = await startMockModelServer({
          script: scriptWith([
            { match: { persona: point.persona, predicate: point.matches }, reply: fault.reply, times: 1 },
          ]),
        });
        const sandbox = copySandbox(checkpoints.before[point.stage]);
        try {
          const run = await runStage(point.stage, sandbox, mock.url);
          counts.single += 1;
          const label = `${fault.kind} at ${point.persona} ${point.label}`;
          const injected = mock.requests.some(
            (request) => request.persona === point.persona && point.matches(request),
          );
          if (!injected) caseFailures.push(`${label}: the call never happened\n${describeRun(run)}`);
          else if (crashed(run)) caseFailures.push(`${label}: crashed\n${describeRun(run)}`);
          else if (!same(comparable(finalState(sandbox)), comparable(checkpoints.after[point.stage])))
            caseFailures.push(
              `${label}: result differs: ${JSON.stringify(readState(sandbox).value)} ${readState(sandbox).reason ?? ''}\n${describeRun(run)}`,
            );
          else counts.singleOk += 1;
        } finally {
          await mock.close();
        }
      }),
      CONCURRENCY,
    );
    failures.push(...caseFailures);
    expect(caseFailures, caseFailures.join('\n\n')).toEqual([]);
    expect(counts.singleOk).toBe(FAULTS.length * CALL_POINTS.length);
  });

  it('blocks with a reason naming each persistent fault, and the track resumes to the same result', async () => {
    const caseFailures: string[] = [];
    await pool(
      FAULTS.map((fault, index) => async () => {
        const point = CALL_POINTS[index % CALL_POINTS.length];
        const label = `persistent ${fault.kind} at ${point.persona} ${point.label}`;
        const mock = await startMockModelServer({
          script: scriptWith([
            { match: { persona: point.persona, predicate: point.matches }, reply: fault.reply },
          ]),
        });
        const sandbox = copySandbox(checkpoints.before[point.stage]);
        try {
          const run = await runStage(point.stage, sandbox, mock.url);
          counts.persistent += 1;
          const track = trackOf(sandbox);
          const reason = track ? (readState(sandbox).reason ?? '') : '';
          if (crashed(run)) caseFailures.push(`${label}: crashed\n${describeRun(run)}`);
          else if (!track || readState(sandbox).value !== 'blocked')
            caseFailures.push(
              `${label}: the track is not blocked: ${track ? JSON.stringify(readState(sandbox).value) : 'no track'}\n${describeRun(run)}`,
            );
          else if (run.code !== 6)
            caseFailures.push(
              `${label}: exited ${run.code}, expected 6 (provider error)\n${describeRun(run)}`,
            );
          else if (!fault.names.test(`${run.stdout}\n${run.stderr}`) || !fault.names.test(reason))
            caseFailures.push(
              `${label}: the reason does not name the fault\n${describeRun(run)}\nstate.json reason: ${reason}`,
            );
          else counts.persistentOk += 1;
          if (!track) return;
          mock.script(scriptWith([]));
          const resumed = await runStage('implement', sandbox, mock.url);
          const end = finalState(sandbox);
          const expected = checkpoints.after.implement;
          if (
            same([end.value, end.reason, end.contents], [expected.value, expected.reason, expected.contents])
          )
            counts.resumed += 1;
          else
            caseFailures.push(
              `${label}: did not resume to the uninterrupted result: ${JSON.stringify(end.value)}\n${describeRun(resumed)}`,
            );
        } finally {
          await mock.close();
        }
      }),
      CONCURRENCY,
    );
    failures.push(...caseFailures);
    expect(caseFailures, caseFailures.join('\n\n')).toEqual([]);
  });
});

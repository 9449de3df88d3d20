import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { createRelayMachine } from '../../machines/relay.js';
import type { GateSummary, RelayEvent } from '../../machines/relay-types.js';

const STATUSES = ['passed', 'failed', 'unavailable'] as const;
const EVENTS: RelayEvent['type'][] = ['START', 'QUICK_FIX', 'PLAN', 'IMPLEMENT', 'RETRY'];
const RESTING = ['idle', 'spec-reviewed', 'planned', 'done', 'blocked', 'failed'];

/** Any actor may throw (blocking or not) or answer anything; the script is drawn by fast-check. */
const scriptArbitrary = fc.record({
  events: fc.array(fc.constantFrom(...EVENTS), { maxLength: 12 }),
  gateRounds: fc.array(fc.array(fc.constantFrom(...STATUSES), { minLength: 0, maxLength: 3 }), {
    minLength: 1,
    maxLength: 5,
  }),
  throws: fc.array(fc.constantFrom('none', 'error', 'blocking'), { minLength: 1, maxLength: 20 }),
  verdicts: fc.array(fc.constantFrom('APPROVE', 'APPROVE WITH CHANGES', 'REJECT'), {
    minLength: 1,
    maxLength: 10,
  }),
});

describe('the done guard', () => {
  it('no event sequence reaches done unless the last gate run passed every gate', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArbitrary, async (script) => {
        let call = 0;
        let gateRound = 0;
        let lastGates: GateSummary[] | undefined;
        const maybeThrow = () => {
          const kind = script.throws[call++ % script.throws.length];
          if (kind === 'error') throw new Error('boom');
          if (kind === 'blocking') throw Object.assign(new Error('budget'), { exitCode: 5 });
        };
        const machine = createRelayMachine(['architect', 'security-engineer']).provide({
          actors: {
            consult: fromPromise(async () => (maybeThrow(), { kind: 'spec' as const, files: [] })),
            answer: fromPromise(async () => ({ answer: 'x', files: [] })),
            review: fromPromise(async () => {
              maybeThrow();
              return { verdict: script.verdicts[call % script.verdicts.length], openFindings: 1, files: [] };
            }),
            plan: fromPromise(async () => (maybeThrow(), { files: [] })),
            implement: fromPromise(async () => (maybeThrow(), { files: [] })),
            repair: fromPromise(async () => (maybeThrow(), { files: [] })),
            gates: fromPromise(async () => {
              maybeThrow();
              const statuses = script.gateRounds[gateRound++ % script.gateRounds.length];
              lastGates = statuses.map((status, index) => ({ gate: `g${index}`, status, summary: status }));
              return { gates: lastGates, files: [] };
            }),
          },
        });
        const actor = createActor(machine, {
          input: {
            track: 't',
            reviewerIds: ['architect', 'security-engineer'],
            maxQuestions: 1,
            maxRevisions: 1,
            maxRepairRounds: 1,
          },
        }).start();
        for (const type of script.events) {
          actor.send({ type });
          const snapshot = await waitFor(
            actor,
            (current) => RESTING.includes(String(current.value)) || current.status === 'done',
          );
          if (snapshot.value === 'done') {
            expect(
              lastGates && lastGates.length > 0 && lastGates.every((gate) => gate.status === 'passed'),
            ).toBe(true);
          }
        }
        actor.stop();
      }),
      { numRuns: 300 },
    );
  });
});

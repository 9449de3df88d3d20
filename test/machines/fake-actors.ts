import { fromPromise } from 'xstate';
import type { GateSummary, Verdict } from '../../machines/relay-types.js';
import { createRelayMachine } from '../../machines/relay.js';

/** A scripted set of actor behaviours for machine tests. */
export interface FakeScript {
  questions: number;
  verdicts: Verdict[][];
  gates: GateSummary[][];
  failAt?: 'plan' | 'implement' | 'gates' | 'review';
  blockAt?: 'plan';
}

const passed = (gate: string): GateSummary => ({ gate, status: 'passed', summary: 'ok' });
/** Three passing gates. */
export const ALL_PASSED: GateSummary[] = [passed('validator'), passed('verify'), passed('policy')];
/** A failing validator. */
export const VALIDATOR_FAILED: GateSummary[] = [
  { gate: 'validator', status: 'failed', summary: 'bad' },
  passed('verify'),
  passed('policy'),
];

/** The relay machine with fake actors following `script`, recording calls into `calls`. */
export function fakeRelay(
  script: FakeScript,
  calls: string[] = [],
  reviewers = ['architect', 'security-engineer'],
) {
  let asked = 0;
  let gateRound = 0;
  const blocking = Object.assign(new Error('budget exceeded'), { exitCode: 5 });
  return createRelayMachine(reviewers).provide({
    actors: {
      consult: fromPromise(async ({ input }) => {
        calls.push(`consult:${input.revision}`);
        if (asked < script.questions && !input.mustFinish) {
          asked += 1;
          return {
            kind: 'question' as const,
            question: { key: `q${asked}`, text: `Question ${asked}?`, options: ['a', 'b'] },
          };
        }
        return { kind: 'spec' as const, files: ['spec.md'] };
      }),
      answer: fromPromise(async ({ input }) => {
        calls.push(`answer:${input.question.key}`);
        return { answer: 'a', files: ['qa.md'] };
      }),
      review: fromPromise(async ({ input }) => {
        calls.push(`review:${input.reviewerId}:${input.revision}`);
        if (script.failAt === 'review') throw new Error('provider down');
        const round = script.verdicts[Math.min(input.revision, script.verdicts.length - 1)] ?? ['APPROVE'];
        const verdict = round[reviewers.indexOf(input.reviewerId)] ?? 'APPROVE';
        return {
          verdict,
          openFindings: verdict === 'REJECT' ? 2 : 0,
          files: [`review-${input.reviewerId}.md`],
        };
      }),
      plan: fromPromise(async () => {
        calls.push('plan');
        if (script.blockAt === 'plan') throw blocking;
        if (script.failAt === 'plan') throw new Error('plan failed');
        return { files: ['plan.md', 'tasks.md'] };
      }),
      implement: fromPromise(async () => {
        calls.push('implement');
        if (script.failAt === 'implement') throw new Error('implement failed');
        return { files: ['compositions/x/definition.yaml'] };
      }),
      gates: fromPromise(async () => {
        calls.push('gates');
        if (script.failAt === 'gates') throw new Error('gate crashed');
        const gates = script.gates[Math.min(gateRound, script.gates.length - 1)] ?? [];
        gateRound += 1;
        return { gates, files: ['gate-report.md'] };
      }),
      repair: fromPromise(async ({ input }) => {
        calls.push(`repair:${input.round}`);
        return { files: ['compositions/x/composition.yaml'] };
      }),
    },
  });
}

/** Default machine input. */
export const INPUT = {
  track: 't-20260101-000000',
  reviewerIds: ['architect', 'security-engineer'],
  maxQuestions: 3,
  maxRevisions: 1,
  maxRepairRounds: 2,
};

import { assign } from 'xstate';
import { reviewRegions } from './review-regions.js';
import { failTo, RELAY_MACHINE_ID, relaySetup, retryTransitions } from './relay-setup.js';
import { gateBlockReason, rejectionReason } from './relay-logic.js';

export { RELAY_MACHINE_ID, relaySetup } from './relay-setup.js';

/**
 * Builds the four-persona relay for a fixed list of review personas: one parallel region per
 * reviewer in `reviewing`. `done` is reachable only from `validating` when every gate passed.
 */
export function createRelayMachine(reviewerIds: string[]) {
  if (reviewerIds.length === 0) throw new Error('the relay needs at least one review persona');
  return relaySetup.createMachine({
    id: RELAY_MACHINE_ID,
    context: ({ input }) => ({
      ...input,
      firstStepNumber: input.firstStepNumber ?? 1,
      mode: 'full',
      questionsAsked: 0,
      revisions: 0,
      reviews: {},
      repairRounds: 0,
      gates: [],
      steps: [],
    }),
    initial: 'idle',
    states: {
      idle: {
        on: {
          START: { target: 'specifying' },
          QUICK_FIX: { target: 'planning', actions: assign({ mode: 'quick' }) },
        },
      },
      specifying: {
        initial: 'consulting',
        states: {
          consulting: {
            invoke: {
              src: 'consult',
              input: ({ context }) => ({
                mustFinish: context.questionsAsked >= context.maxQuestions,
                revision: context.revisions,
              }),
              onDone: [
                {
                  guard: 'isQuestion',
                  target: 'answering',
                  actions: assign({
                    pendingQuestion: ({ event }) =>
                      event.output.kind === 'question' ? event.output.question : undefined,
                  }),
                },
                {
                  target: `#${RELAY_MACHINE_ID}.reviewing`,
                  actions: [{ type: 'recordStep', params: { name: 'spec', persona: 'solutions-engineer' } }],
                },
              ],
              onError: failTo('specifying'),
            },
          },
          answering: {
            invoke: {
              src: 'answer',
              input: ({ context }) => ({
                question: context.pendingQuestion!,
                number: context.questionsAsked + 1,
              }),
              onDone: {
                target: 'consulting',
                actions: [
                  { type: 'recordStep', params: { name: 'question', persona: 'solutions-engineer' } },
                  assign({
                    questionsAsked: ({ context }) => context.questionsAsked + 1,
                    pendingQuestion: undefined,
                  }),
                ],
              },
              onError: failTo('specifying'),
            },
          },
        },
      },
      reviewing: {
        type: 'parallel',
        entry: assign({ reviews: {} }),
        // Generated regions: typed loosely because their number is only known at runtime.
        states: reviewRegions(reviewerIds) as never,
        onDone: [
          { guard: 'reviewBlocked', target: 'blocked' },
          { guard: 'reviewErrored', target: 'failed' },
          {
            guard: 'rejectedWithRevisionsLeft',
            target: 'specifying',
            actions: assign({ revisions: ({ context }) => context.revisions + 1 }),
          },
          {
            guard: 'rejected',
            target: 'blocked',
            actions: assign({
              reason: ({ context }) => rejectionReason(context.reviews, context.revisions),
              resumeAt: undefined,
            }),
          },
          { target: 'spec-reviewed' },
        ],
      },
      'spec-reviewed': { on: { PLAN: 'planning' } },
      planning: {
        invoke: {
          src: 'plan',
          input: ({ context }) => ({ mode: context.mode }),
          onDone: {
            target: 'planned',
            actions: [{ type: 'recordStep', params: { name: 'plan', persona: 'iac-engineer' } }],
          },
          onError: failTo('planning'),
        },
      },
      planned: { on: { IMPLEMENT: 'implementing' } },
      implementing: {
        entry: assign({ repairRounds: 0 }),
        invoke: {
          src: 'implement',
          input: () => ({}),
          onDone: {
            target: 'validating',
            actions: [{ type: 'recordStep', params: { name: 'code', persona: 'iac-engineer' } }],
          },
          onError: failTo('implementing'),
        },
      },
      validating: {
        invoke: {
          src: 'gates',
          input: () => ({}),
          onDone: [
            {
              guard: 'allGatesPassed',
              target: 'done',
              actions: [
                assign({ gates: ({ event }) => event.output.gates }),
                { type: 'recordStep', params: { name: 'gate', persona: 'gate' } },
              ],
            },
            {
              guard: 'canRepair',
              target: 'repairing',
              actions: [
                assign({ gates: ({ event }) => event.output.gates }),
                { type: 'recordStep', params: { name: 'gate', persona: 'gate' } },
              ],
            },
            {
              target: 'blocked',
              actions: [
                assign({
                  gates: ({ event }) => event.output.gates,
                  reason: ({ context, event }) => gateBlockReason(event.output.gates, context.repairRounds),
                  resumeAt: 'validating' as const,
                }),
                { type: 'recordStep', params: { name: 'gate', persona: 'gate' } },
              ],
            },
          ],
          onError: failTo('validating'),
        },
      },
      repairing: {
        invoke: {
          src: 'repair',
          input: ({ context }) => ({ round: context.repairRounds + 1 }),
          onDone: {
            target: 'validating',
            actions: [
              assign({ repairRounds: ({ context }) => context.repairRounds + 1 }),
              { type: 'recordStep', params: { name: 'repair', persona: 'iac-engineer' } },
            ],
          },
          onError: failTo('repairing'),
        },
      },
      done: { type: 'final', entry: [{ type: 'recordEnd', params: { name: 'done' } }] },
      blocked: {
        entry: [{ type: 'recordEnd', params: { name: 'blocked' } }],
        on: { RETRY: retryTransitions },
      },
      failed: { entry: [{ type: 'recordEnd', params: { name: 'failed' } }], on: { RETRY: retryTransitions } },
    },
  });
}

/** The machine type for a given reviewer list. */
export type RelayMachine = ReturnType<typeof createRelayMachine>;

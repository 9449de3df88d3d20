import { assign, setup } from 'xstate';
import { relayActors } from './relay-actors.js';
import {
  allGatesPassed,
  anyRejected,
  appendStep,
  describeError,
  gateBlockReason,
  isBlockingError,
  isRepairable,
  rejectionReason,
  summarizeReview,
} from './relay-logic.js';
import { reviewRegions } from './review-regions.js';
import type { RelayContext, RelayEvent, RelayInput, ResumableState, ReviewOutput } from './relay-types.js';

/** Machine id; state ids are `#relay.<state>`. */
export const RELAY_MACHINE_ID = 'relay';

const errorOf = (event: unknown): unknown => (event as { error?: unknown }).error;
const outputOf = <T>(event: unknown): T => (event as { output: T }).output;

/** The relay's implementation table: actors are placeholders replaced with `.provide()`. */
export const relaySetup = setup({
  types: { context: {} as RelayContext, events: {} as RelayEvent, input: {} as RelayInput },
  actors: relayActors,
  guards: {
    errorBlocks: ({ event }) => isBlockingError(errorOf(event)),
    isQuestion: ({ event }) => outputOf<{ kind: string }>(event).kind === 'question',
    allGatesPassed: ({ event }) => allGatesPassed(outputOf<{ gates: RelayContext['gates'] }>(event).gates),
    canRepair: ({ context, event }) =>
      context.repairRounds < context.maxRepairRounds &&
      isRepairable(outputOf<{ gates: RelayContext['gates'] }>(event).gates),
    reviewBlocked: ({ context }) => context.reason !== undefined && context.reviewBlocking === true,
    reviewErrored: ({ context }) => context.reason !== undefined,
    rejectedWithRevisionsLeft: ({ context }) =>
      anyRejected(context.reviews) && context.revisions < context.maxRevisions,
    rejected: ({ context }) => anyRejected(context.reviews),
    resumeAt: ({ context }, params: { state: ResumableState }) => context.resumeAt === params.state,
  },
  actions: {
    recordFailure: assign(({ event }, params: { resumeAt: ResumableState }) => ({
      reason: describeError(errorOf(event)),
      resumeAt: params.resumeAt,
    })),
    recordStep: assign(({ context, event }, params: { name: string; persona: string }) => ({
      steps: appendStep(
        context.steps,
        params.name,
        params.persona,
        outputOf<{ files?: string[] }>(event).files ?? [],
        context.firstStepNumber,
      ),
    })),
    recordEnd: assign(({ context }, params: { name: string }) => ({
      steps: appendStep(context.steps, params.name, 'relay', [], context.firstStepNumber),
    })),
    clearFailure: assign({ reason: undefined, resumeAt: undefined, reviewBlocking: undefined }),
    recordReview: assign(({ context, event }, params: { reviewerId: string }) => ({
      reviews: { ...context.reviews, [params.reviewerId]: summarizeReview(outputOf<ReviewOutput>(event)) },
    })),
    recordReviewError: assign(({ event }, params: { reviewerId: string }) => ({
      reason: `${params.reviewerId} review could not finish: ${describeError(errorOf(event))}`,
      reviewBlocking: isBlockingError(errorOf(event)),
      resumeAt: 'reviewing' as const,
    })),
  },
});

const failTo = (resumeAt: ResumableState) => [
  {
    guard: 'errorBlocks' as const,
    target: `#${RELAY_MACHINE_ID}.blocked`,
    actions: [{ type: 'recordFailure' as const, params: { resumeAt } }],
  },
  {
    target: `#${RELAY_MACHINE_ID}.failed`,
    actions: [{ type: 'recordFailure' as const, params: { resumeAt } }],
  },
];

const RESUMABLE: ResumableState[] = [
  'specifying',
  'reviewing',
  'planning',
  'implementing',
  'validating',
  'repairing',
];
const retryTransitions = RESUMABLE.map((state) => ({
  guard: { type: 'resumeAt' as const, params: { state } },
  target: `#${RELAY_MACHINE_ID}.${state}`,
  actions: ['clearFailure' as const],
}));

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
          { target: 'specReviewed' },
        ],
      },
      specReviewed: { on: { PLAN: 'planning' } },
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

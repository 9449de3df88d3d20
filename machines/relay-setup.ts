import { assign, setup } from 'xstate';
import { relayActors } from './relay-actors.js';
import {
  allGatesPassed,
  anyRejected,
  appendStep,
  describeError,
  isBlockingError,
  isRepairable,
  summarizeReview,
} from './relay-logic.js';
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

/** onError transitions of a step: a blocking error (exit code 5) → blocked, any other → failed; both remember where to retry. */
export const failTo = (resumeAt: ResumableState) => [
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
/** RETRY from blocked or failed goes back to the state recorded in `resumeAt`. */
export const retryTransitions = RESUMABLE.map((state) => ({
  guard: { type: 'resumeAt' as const, params: { state } },
  target: `#${RELAY_MACHINE_ID}.${state}`,
  actions: ['clearFailure' as const],
}));

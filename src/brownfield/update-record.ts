import type { CompletedStep } from '../../machines/relay-types.js';
import { commitPendingSteps, saveState, type PersistedSnapshot } from '../pipeline/persist.js';
import type { TrackSession } from '../pipeline/session.js';

/** States an update track passes through; `status` shows them like relay states. */
export type UpdateState =
  'baselined' | 'specifying' | 'reviewing' | 'planned' | 'implementing' | 'declined' | 'done' | 'blocked';

/**
 * The state value saved in state.json. Only `done` and `blocked` are relay states, and neither lets
 * `implement` or `resume` run the relay's whole-file steps on existing code; the others are
 * prefixed so that no relay command mistakes a half-finished update for one of its own states.
 */
const relayValue = (state: UpdateState): string =>
  state === 'done' ? 'done' : state === 'blocked' || state === 'declined' ? 'blocked' : `update-${state}`;

/** Records update steps: each one saved to state.json and committed as one git commit, in order. */
export interface StepRecorder {
  steps: CompletedStep[];
  record(name: string, persona: string, files: string[], state: UpdateState, reason?: string): Promise<void>;
}

/**
 * Update tracks are linear, so they keep a small snapshot of the same shape as the relay's
 * (status, value, context.track, context.steps) and reuse the pipeline's saveState and
 * commitPendingSteps: one commit per step, with changelog.md, ledger and tracks.md.
 */
export function stepRecorder(session: TrackSession): StepRecorder {
  const steps: CompletedStep[] = [];
  return {
    steps,
    async record(name, persona, files, state, reason) {
      steps.push({ number: steps.length + 1, name, persona, files });
      // The relay's context fields too, so that `status` and `resume` read an update track safely.
      const snapshot = {
        status: state === 'done' ? 'done' : 'active',
        value: relayValue(state),
        historyValue: {},
        children: {},
        context: {
          track: session.meta.track,
          mode: 'quick',
          update: true,
          reviewerIds: session.meta.reviewerIds,
          maxQuestions: 0,
          maxRevisions: 0,
          maxRepairRounds: 0,
          firstStepNumber: 1,
          questionsAsked: 0,
          revisions: 0,
          reviews: {},
          repairRounds: 0,
          gates: [],
          steps: [...steps],
          ...(reason ? { reason } : {}),
        },
      } as unknown as PersistedSnapshot;
      await saveState(session, snapshot);
      await commitPendingSteps(session, snapshot);
    },
  };
}

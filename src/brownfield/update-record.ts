import type { CompletedStep } from '../../machines/relay-types.js';
import { commitPendingSteps, saveState, type PersistedSnapshot } from '../pipeline/persist.js';
import type { TrackSession } from '../pipeline/session.js';

/** States an update track passes through; `status` shows them like relay states. */
export type UpdateState =
  'baselined' | 'specifying' | 'reviewing' | 'planned' | 'implementing' | 'declined' | 'done' | 'blocked';

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
      const snapshot = {
        status: state === 'done' ? 'done' : 'active',
        value: state,
        context: {
          track: session.meta.track,
          mode: 'update',
          steps: [...steps],
          ...(reason ? { reason } : {}),
        },
      } as unknown as PersistedSnapshot;
      await saveState(session, snapshot);
      await commitPendingSteps(session, snapshot);
    },
  };
}

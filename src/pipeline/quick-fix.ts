import type { RelayInput } from '../../machines/relay-types.js';
import type { IacTool } from '../constraints/schema.js';
import type { Budget } from '../tracks/state-file.js';
import type { PipelineDeps } from './deps.js';
import { withLock, type RelayOutcome } from './operations.js';
import { readStateFile } from '../tracks/state-file.js';
import { driveTrack } from './runner.js';
import type { TrackSession } from './session.js';
import { createTrack, openTrack } from './track-session.js';
import { readTrackFile } from './track-files.js';
import { recordExistingCode } from './existing-code-file.js';

/** What a quick fix is asked to do. */
export interface QuickFixOptions {
  change: string;
  /** An existing track to fix; a new track is created when absent. */
  track?: string;
  /** Name of the new track (and code folder) when there is no track. */
  name: string;
  tool: IacTool;
  environment?: string;
  budget?: Budget;
}

/** Shown to the user before implementing; returns false to stop at `planned`. */
export type ConfirmPlan = (plan: { track: string; plan: string; tasks: string }) => Promise<boolean>;

const relayInput = (session: TrackSession, firstStepNumber: number): RelayInput => ({
  track: session.meta.track,
  reviewerIds: session.meta.reviewerIds,
  maxQuestions: 0,
  maxRevisions: 0,
  maxRepairRounds: session.constraints.codingStyle.maxRepairRounds,
  firstStepNumber,
});

/**
 * The light path: plan → tasks → confirm → implement → the same gate. It skips the interview and
 * the reviews, never the verification or the gate. On an existing track, step numbers continue.
 * On existing code (the code folder already has files) the baseline is taken and committed first, and
 * every `validating` of the track also runs the baseline diff gate (src/pipeline/existing-code-file.ts),
 * so a fix that adds a finding or strays outside the plan never reaches `done`.
 */
export async function quickFix(
  deps: PipelineDeps,
  options: QuickFixOptions,
  confirm: ConfirmPlan,
): Promise<RelayOutcome> {
  const locked = options.track
    ? openTrack(deps, options.track, options.budget)
    : createTrack(deps, {
        name: options.name,
        tool: options.tool,
        request: options.change,
        environment: options.environment,
        budget: options.budget,
      });
  return withLock(locked, async ({ session: opened, state }) => {
    const session: TrackSession = state
      ? {
          ...opened,
          meta: { ...opened.meta, request: `${opened.meta.request}\n\nChange: ${options.change}` },
        }
      : opened;
    const steps = (state?.snapshot.context.steps ?? []) as Array<{ number: number }>;
    const first = steps.length ? steps[steps.length - 1].number + 1 : 1;
    await recordExistingCode(session);
    let result = await driveTrack(session, { input: relayInput(session, first) }, ['QUICK_FIX']);
    if (result.state === 'planned') {
      const plan = {
        track: session.meta.track,
        plan: (await readTrackFile(session, 'plan.md')) ?? '',
        tasks: (await readTrackFile(session, 'tasks.md')) ?? '',
      };
      if (await confirm(plan)) {
        const saved = await readStateFile(deps.projectRoot, session.meta.track);
        result = await driveTrack(session, { snapshot: saved.snapshot }, ['IMPLEMENT']);
      }
    }
    return {
      track: session.meta.track,
      state: result.state,
      reason: result.context.reason,
      context: result.context,
      error: result.error,
    };
  });
}

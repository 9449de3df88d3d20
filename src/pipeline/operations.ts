import type { RelayContext, RelayEvent } from '../../machines/relay-types.js';
import type { Budget } from '../tracks/state-file.js';
import type { PipelineDeps } from './deps.js';
import type { PersistedSnapshot } from './persist.js';
import { driveTrack, type DriveResult } from './runner.js';
import { createTrack, openTrack, type LockedSession, type NewTrackOptions } from './track-session.js';

/** Where a command left a track. */
export interface RelayOutcome {
  track: string;
  state: string;
  reason?: string;
  context: RelayContext;
  /** The error behind `failed` or `blocked`, when one was thrown. */
  error?: unknown;
}

/** Limits of the relay, from flags or config. */
export interface RelayLimits {
  maxQuestions: number;
  maxRevisions: number;
}

/** How far a start command goes: stop at spec-reviewed (default), after planning, or through implement. */
export type Through = 'spec' | 'plan' | 'implement';

const EVENTS_THROUGH: Record<Through, RelayEvent['type'][]> = {
  spec: ['START'],
  plan: ['START', 'PLAN'],
  implement: ['START', 'PLAN', 'IMPLEMENT'],
};

const outcome = (track: string, result: DriveResult): RelayOutcome => ({
  track,
  state: result.state,
  reason: result.context.reason,
  context: result.context,
  error: result.error,
});

/** Runs `work` on a locked session and always releases the lock. */
export async function withLock<L extends LockedSession, T>(
  locked: Promise<L>,
  work: (session: L) => Promise<T>,
): Promise<T> {
  const held = await locked;
  try {
    return await work(held);
  } finally {
    await held.lock.release();
  }
}

/** new-composition / create-terraform-code / create-cloudformation-code: a new track, from interview to `through`. */
export async function startRelay(
  deps: PipelineDeps,
  options: NewTrackOptions,
  limits: RelayLimits,
  through: Through = 'spec',
): Promise<RelayOutcome> {
  return withLock(createTrack(deps, options), async ({ session }) => {
    const input = {
      track: session.meta.track,
      reviewerIds: session.meta.reviewerIds,
      ...limits,
      maxRepairRounds: session.constraints.codingStyle.maxRepairRounds,
    };
    return outcome(session.meta.track, await driveTrack(session, { input }, EVENTS_THROUGH[through]));
  });
}

/**
 * plan / implement / resume: restores the track's snapshot (committing any step a crash left
 * uncommitted) and sends `events` in turn. A `budget` replaces the track's budget.
 */
export async function continueRelay(
  deps: PipelineDeps,
  reference: string,
  events: RelayEvent['type'][],
  budget?: Budget,
): Promise<RelayOutcome> {
  return withLock(openTrack(deps, reference, budget), async ({ session, state }) =>
    outcome(
      session.meta.track,
      await driveTrack(session, { snapshot: state.snapshot as PersistedSnapshot }, events),
    ),
  );
}

/** The events each continuing command sends. */
export const COMMAND_EVENTS = {
  plan: ['PLAN'],
  implement: ['RETRY', 'PLAN', 'IMPLEMENT'],
  // START: a crash right after `new` can leave the track `idle`, before its first event was saved.
  resume: ['START', 'RETRY'],
} as const satisfies Record<string, RelayEvent['type'][]>;

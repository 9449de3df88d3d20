import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import type { RelayContext, RelayEvent, RelayInput } from '../../machines/relay-types.js';
import { stateName } from '../tracks/index-file.js';
import { wiredRelayMachine, type ErrorSink } from './actors.js';
import { commitPendingSteps, saveState, type PersistedSnapshot } from './persist.js';
import type { TrackSession } from './session.js';

/** States where the relay waits for a command (or has stopped). */
export const RESTING_STATES = ['idle', 'spec-reviewed', 'planned', 'done', 'blocked', 'failed'] as const;

/** Where a drive ended. */
export interface DriveResult {
  state: string;
  context: RelayContext;
  /** The error behind `failed` or `blocked`, when an actor threw it. */
  error?: unknown;
}

/** How to start the machine: from a persisted snapshot (resume) or from fresh input (new track). */
export type DriveStart = { snapshot: PersistedSnapshot } | { input: RelayInput };

type RelaySnapshot = SnapshotFrom<ReturnType<typeof wiredRelayMachine>>;

/**
 * Runs the relay for one command: restores or creates the actor, first commits any step a
 * crash left written but uncommitted, then sends each event in turn once the machine rests
 * (skipping events the current state does not accept). After every step the snapshot is
 * written to state.json and the step is committed, strictly in order.
 */
export async function driveTrack(
  session: TrackSession,
  start: DriveStart,
  events: RelayEvent['type'][],
): Promise<DriveResult> {
  const sink: ErrorSink = {};
  const machine = wiredRelayMachine(session, sink);
  if ('snapshot' in start) await commitPendingSteps(session, start.snapshot);
  const actor =
    'snapshot' in start
      ? createActor(machine, {
          snapshot: start.snapshot as unknown as RelaySnapshot,
          input: start.snapshot.context as unknown as RelayInput,
        })
      : createActor(machine, { input: start.input });
  let chain: Promise<unknown> = Promise.resolve();
  let persistError: unknown;
  let lastKey = '';
  actor.subscribe({
    next: (snapshot) => {
      const key = JSON.stringify([snapshot.value, snapshot.context.steps.length]);
      if (key === lastKey) return;
      lastKey = key;
      const persisted = actor.getPersistedSnapshot() as unknown as PersistedSnapshot;
      chain = chain
        .then(() => saveState(session, persisted))
        .then(() => commitPendingSteps(session, persisted))
        .catch((error: unknown) => {
          persistError ??= error;
        });
    },
    error: () => undefined,
  });
  actor.start();
  const rest = () =>
    waitFor(
      actor,
      (snapshot) =>
        RESTING_STATES.includes(stateName(snapshot.value) as never) || snapshot.status !== 'active',
      { timeout: Infinity },
    );
  // A snapshot saved mid-step (a crash) re-runs that step on restore; RETRY after it would run it twice.
  const interrupted =
    'snapshot' in start && !RESTING_STATES.includes(stateName(start.snapshot.value) as never);
  try {
    let snapshot: RelaySnapshot = await rest();
    for (const type of events) {
      if (type === 'RETRY' && interrupted) continue;
      if (!snapshot.can({ type })) continue;
      actor.send({ type });
      snapshot = await rest();
    }
    await chain;
    if (persistError) throw persistError;
    const state = stateName(snapshot.value);
    const stopped = state === 'failed' || state === 'blocked';
    return { state, context: snapshot.context, error: stopped ? sink.last : undefined };
  } finally {
    await chain;
    actor.stop();
  }
}

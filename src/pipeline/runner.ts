import { join } from 'node:path';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import { removeStaleTemporaryFiles } from '../fs/atomic-write.js';
import type { RelayContext, RelayEvent, RelayInput } from '../../machines/relay-types.js';
import { stateName } from '../tracks/index-file.js';
import { wiredRelayMachine, type ErrorSink } from './actors.js';
import { commitPendingSteps, saveState, type PersistedSnapshot } from './persist.js';
import { repoBehindCommits } from './repo-behind-commits.js';
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

/** The running actor, as a suspension sees it: its children are the invoked steps. */
export interface DrivenActor {
  getSnapshot(): { children: Record<string, { getSnapshot(): { status: string } } | undefined> };
  subscribe(listener: () => void): { unsubscribe(): void };
}

/**
 * How a drive may stop before the machine rests: resolves when every running step waits on an
 * answer from outside (the host-agent step protocol, src/steps/). The step stays in flight in the
 * persisted snapshot, so the next drive restores it and runs it again.
 */
export type DriveSuspension = (actor: DrivenActor) => Promise<void>;

/**
 * Runs the relay for one command: restores or creates the actor, first commits any step a
 * crash left written but uncommitted, then sends each event in turn once the machine rests
 * (skipping events the current state does not accept). After every step the snapshot is
 * written to state.json and the step is committed, strictly in order, one commit per step (a
 * state that follows while a commit is in flight is written once, with its step's commit). A
 * next step that calls a model waits for state.json only: its call runs while the commit is made,
 * and every git call of a step waits for the commits queued before it. Every commit is made
 * before this returns.
 */
export async function driveTrack(
  session: TrackSession,
  start: DriveStart,
  events: RelayEvent['type'][],
  suspension?: DriveSuspension,
): Promise<DriveResult> {
  const sink: ErrorSink = {};
  let chain: Promise<unknown> = Promise.resolve();
  let saved: Promise<unknown> = Promise.resolve();
  // Model steps wait for `settled` (state.json written) before their call: a crash during a call
  // never loses the step before it, because resume commits what state.json has and git has not.
  // The other steps (a question, the gates) wait for the commits as well.
  const stepSession: TrackSession = {
    ...session,
    deps: { ...session.deps, repo: repoBehindCommits(session.deps.repo, () => chain) },
    // A step does not start once a save or commit has failed: its work could not be recorded.
    settled: (upTo = 'commits') =>
      (upTo === 'state' ? saved : chain).then(() => {
        if (persistError) throw persistError;
      }),
  };
  const machine = wiredRelayMachine(stepSession, sink);
  if ('snapshot' in start) {
    // A crash mid-write leaves a temp file; remove it before anything lists or commits the folders.
    for (const folder of ['.infrakit', session.meta.codeDirectory])
      await removeStaleTemporaryFiles(join(session.deps.projectRoot, folder));
  }
  const recovered = 'snapshot' in start ? await commitPendingSteps(session, start.snapshot) : [];
  const actor =
    'snapshot' in start
      ? createActor(machine, {
          snapshot: start.snapshot as unknown as RelaySnapshot,
          input: start.snapshot.context as unknown as RelayInput,
        })
      : createActor(machine, { input: start.input });
  let persistError: unknown;
  // The restored snapshot is already on disk: saving it again would only leave state.json dirty.
  let lastKey =
    'snapshot' in start ? JSON.stringify([start.snapshot.value, start.snapshot.context.steps.length]) : '';
  // The newest snapshot whose save has not started: it waits for the save and commit in flight.
  // A newer one takes its place unless each adds a step of its own (a state change after a step,
  // the end of the reviews after the last review): only the newest is written, and every commit
  // still holds one step. `base` is the step count of the snapshot queued before it.
  let open: { snapshot: PersistedSnapshot; base: number } | undefined;
  let newestSteps = 'snapshot' in start ? start.snapshot.context.steps.length : 0;
  actor.subscribe({
    next: (snapshot) => {
      const key = JSON.stringify([snapshot.value, snapshot.context.steps.length]);
      if (key === lastKey) return;
      lastKey = key;
      const persisted = actor.getPersistedSnapshot() as unknown as PersistedSnapshot;
      const steps = persisted.context.steps.length;
      const queued = open?.snapshot.context.steps.length;
      // `saved` and `chain` already wait on the queued save, which will write this newer snapshot.
      if (open && (queued === open.base || steps === queued)) {
        open.snapshot = persisted;
        newestSteps = steps;
        return;
      }
      const slot = { snapshot: persisted, base: newestSteps };
      open = slot;
      newestSteps = steps;
      // After a failed save or commit nothing later is recorded: state.json keeps the last state
      // saved, whose uncommitted step resume commits before it re-runs what came after (a step that
      // overlapped the failed commit, e.g. gates stopped by the same Ctrl-C, leaves no trace).
      const save = chain.then(async () => {
        if (open === slot) open = undefined;
        if (!persistError) await saveState(session, slot.snapshot);
        return slot.snapshot;
      });
      saved = save.catch(() => undefined);
      chain = save
        .then((newest) => (persistError ? undefined : commitPendingSteps(session, newest)))
        .catch((error: unknown) => {
          persistError ??= error;
        });
    },
    error: () => undefined,
  });
  actor.start();
  const rest = async (): Promise<RelaySnapshot> => {
    const resting = waitFor(
      actor,
      (snapshot) =>
        RESTING_STATES.includes(stateName(snapshot.value) as never) || snapshot.status !== 'active',
      { timeout: Infinity },
    );
    if (!suspension) return resting;
    // The losing wait rejects when the actor stops; that is expected, not an error.
    resting.catch(() => undefined);
    await Promise.race([resting, suspension(actor as unknown as DrivenActor)]);
    return actor.getSnapshot();
  };
  // RETRY only repeats a step that really stopped (blocked or failed, all committed). After a crash
  // the restored machine re-runs the interrupted step itself; a RETRY after it would run it twice.
  const loaded = 'snapshot' in start ? stateName(start.snapshot.value) : '';
  const interrupted = !['blocked', 'failed'].includes(loaded) || recovered.length > 0;
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

import { fromPromise } from 'xstate';
import { createRelayMachine } from '../../machines/relay.js';
import { withTrackBaseline } from './existing-code-file.js';
import type { TrackSession } from './session.js';
import { answerQuestion } from './steps/answer.js';
import { consultSolutionsEngineer } from './steps/consult.js';
import { runGates } from './steps/gates.js';
import { implementTasks, repairCode } from './steps/implement.js';
import { writePlan } from './steps/plan.js';
import { reviewSpec } from './steps/review.js';

/** Records the last error an actor threw, so the CLI can report it with its own exit code. */
export interface ErrorSink {
  last?: unknown;
}

/**
 * Wraps a step: first lets the runner persist the step before it (so a crash during this step's
 * model call never loses the previous one: resume commits what state.json has) and, for a step
 * that is not a model call, commit it too; then records any error for the CLI. A model step's
 * call overlaps the previous commit; the gates and a question never do (a Ctrl-C that reaches
 * their processes or the prompt must not also land in a commit).
 */
const capture =
  <A extends unknown[], R>(
    sink: ErrorSink,
    session: TrackSession,
    run: (...args: A) => Promise<R>,
    upTo: 'state' | 'commits' = 'commits',
  ) =>
  async (...args: A): Promise<R> => {
    try {
      await new Promise((resolve) => setImmediate(resolve));
      await session.settled?.(upTo);
      return await run(...args);
    } catch (error) {
      sink.last = error;
      throw error;
    }
  };

/** The session with the actor's abort signal joined to the command's, so stopping the actor stops the call. */
function withSignal(session: TrackSession, signal: AbortSignal): TrackSession {
  const joined = session.deps.signal ? AbortSignal.any([session.deps.signal, signal]) : signal;
  return { ...session, deps: { ...session.deps, signal: joined } };
}

/** The relay machine for this track, with its actors wired to the real steps. */
export function wiredRelayMachine(session: TrackSession, sink: ErrorSink) {
  return createRelayMachine(session.meta.reviewerIds).provide({
    actors: {
      consult: fromPromise(
        capture(
          sink,
          session,
          async ({ input, signal }) => consultSolutionsEngineer(withSignal(session, signal), input),
          'state',
        ),
      ),
      answer: fromPromise(
        capture(sink, session, async ({ input, signal }) =>
          answerQuestion(withSignal(session, signal), input.question, input.number),
        ),
      ),
      review: fromPromise(
        capture(
          sink,
          session,
          async ({ input, signal }) => reviewSpec(withSignal(session, signal), input.reviewerId),
          'state',
        ),
      ),
      plan: fromPromise(
        capture(
          sink,
          session,
          async ({ input, signal }) => writePlan(withSignal(session, signal), input.mode),
          'state',
        ),
      ),
      implement: fromPromise(
        capture(sink, session, async ({ signal }) => implementTasks(withSignal(session, signal)), 'state'),
      ),
      // A quick fix on existing code recorded a baseline in the track: the diff gate then runs with the gates.
      gates: fromPromise(
        capture(sink, session, async ({ signal }) =>
          runGates(await withTrackBaseline(withSignal(session, signal))),
        ),
      ),
      repair: fromPromise(
        capture(
          sink,
          session,
          async ({ input, signal }) => repairCode(withSignal(session, signal), input.round),
          'state',
        ),
      ),
    },
  });
}

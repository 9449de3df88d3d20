import { createHash } from 'node:crypto';
import type { Question } from '../../machines/relay-types.js';
import type { DriveSuspension, DrivenActor } from '../pipeline/runner.js';
import {
  listStoredAnswers,
  positionKey,
  readStoredAnswer,
  type PendingStep,
  type StoredAnswer,
} from './step-book.js';

/** An answer the machine used during this drive. */
export interface TakenAnswer {
  id: string;
  persona: string;
  answeredBy: string;
}

/**
 * Where one drive's steps meet the host agent. A step with a stored answer takes it; a step
 * without one parks: its promise waits until the drive stops (the machine keeps the step in flight
 * in state.json, and the next drive runs it again). `suspended` resolves once every running step
 * of the machine is parked, so the drive stops and reports them as pending.
 */
export interface StepDesk {
  /** The stored answer to this exact prompt, or to the same task at the machine's current position. */
  take(id: string, task: string, persona: string): Promise<StoredAnswer | undefined>;
  park(step: PendingStep, signal?: AbortSignal): Promise<never>;
  suspended: DriveSuspension;
  parked(): PendingStep[];
  taken(): TakenAnswer[];
}

/** A stable step id: who answers, and a hash of exactly what they are asked. */
export function stepIdFor(prefix: string, content: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
  return `${prefix}-${hash}`;
}

/** The id of the step that asks the user question `number`. */
export const questionStepId = (question: Question, number: number): string =>
  stepIdFor(`question-${number}`, { key: question.key, text: question.text, options: question.options });

/** The desk for one drive of one track. */
export function createStepDesk(projectRoot: string, track: string): StepDesk {
  let current: DrivenActor | undefined;
  const position = () => {
    const snapshot = current?.getSnapshot() as unknown as
      { value: unknown; context: { steps: unknown[] } } | undefined;
    return snapshot ? positionKey(snapshot.value, snapshot.context.steps.length) : undefined;
  };
  const parked = new Map<string, { step: PendingStep; signal?: AbortSignal }>();
  const taken = new Map<string, TakenAnswer>();
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  return {
    async take(id, task, persona) {
      const here = position();
      const answer =
        (await readStoredAnswer(projectRoot, track, id)) ??
        (await listStoredAnswers(projectRoot, track)).find(
          (stored) => stored.task === task && here !== undefined && stored.position === here,
        );
      if (answer) taken.set(id, { id, persona, answeredBy: answer.answeredBy });
      return answer;
    },
    park(step, signal) {
      parked.set(step.id, { step, signal });
      wake();
      return new Promise<never>((_resolve, reject) => {
        // The entry stays listed: the drive reports it as pending after stopping the machine.
        const stop = () => reject(signal?.reason ?? new Error('the drive stopped'));
        if (signal?.aborted) stop();
        else signal?.addEventListener('abort', stop, { once: true });
      });
    },
    suspended: (actor: DrivenActor) =>
      new Promise<void>((resolve) => {
        current = actor;
        const check = () => {
          const running = Object.values(actor.getSnapshot().children).filter(
            (child) => child?.getSnapshot().status === 'active',
          ).length;
          const waiting = [...parked.values()].filter((entry) => !entry.signal?.aborted).length;
          if (waiting > 0 && waiting >= running) {
            waiters.delete(check);
            subscription.unsubscribe();
            resolve();
          }
        };
        waiters.add(check);
        const subscription = actor.subscribe(check);
        check();
      }),
    parked: () => [...parked.values()].map((entry) => entry.step),
    taken: () => [...taken.values()],
  };
}

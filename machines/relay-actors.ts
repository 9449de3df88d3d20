import { fromPromise } from 'xstate';
import type {
  AnswerOutput,
  ConsultInput,
  ConsultOutput,
  FilesOutput,
  GatesOutput,
  Question,
  ReviewOutput,
} from './relay-types.js';

/**
 * Placeholder actors: the machine names them, src/pipeline provides the real ones with
 * `.provide({ actors })`. Running the bare machine fails loudly instead of pretending.
 */
const missing = (name: string) => async (): Promise<never> => {
  throw new Error(`the relay actor "${name}" was not provided`);
};

/** The default (unprovided) actors of the relay machine, typed by their inputs and outputs. */
export const relayActors = {
  consult: fromPromise<ConsultOutput, ConsultInput>(missing('consult')),
  answer: fromPromise<AnswerOutput, { question: Question; number: number }>(missing('answer')),
  review: fromPromise<ReviewOutput, { reviewerId: string; revision: number }>(missing('review')),
  plan: fromPromise<FilesOutput, { mode: 'full' | 'quick' }>(missing('plan')),
  implement: fromPromise<FilesOutput, Record<string, never>>(missing('implement')),
  gates: fromPromise<GatesOutput, Record<string, never>>(missing('gates')),
  repair: fromPromise<FilesOutput, { round: number }>(missing('repair')),
};

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { Question } from './question.js';
import { runQuestions } from './run-questions.js';

/**
 * The answers of a setup interview stopped with Ctrl-C, kept so the next run of the same command
 * starts where the person stopped. Only values the person typed or chose are kept; the file is
 * deleted once the changes are written.
 */
export const SETUP_PROGRESS_FILE = '.infrakit/setup-progress.json';

const ProgressSchema = z.object({
  command: z.string(),
  answers: z.array(z.object({ id: z.string(), value: z.unknown() })),
});
export type SetupProgress = z.infer<typeof ProgressSchema>;
export type GivenAnswer = SetupProgress['answers'][number];

/** The saved answers of `command`, or none (a missing, unreadable or foreign file counts as none). */
export async function readSetupProgress(root: string, command: string): Promise<GivenAnswer[]> {
  const text = await readFile(join(root, SETUP_PROGRESS_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  try {
    const parsed = ProgressSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.command === command ? parsed.data.answers : [];
  } catch {
    return [];
  }
}

export async function saveSetupProgress(
  root: string,
  command: string,
  answers: GivenAnswer[],
): Promise<void> {
  const progress: SetupProgress = { command, answers };
  await writeFileAtomic(join(root, SETUP_PROGRESS_FILE), `${JSON.stringify(progress, null, 2)}\n`);
}

export async function clearSetupProgress(root: string): Promise<void> {
  await rm(join(root, SETUP_PROGRESS_FILE), { force: true });
}

/** True when a saved value still fits the question (same id, right type, still valid). */
function stillFits<Answers>(question: Question<Answers>, saved: GivenAnswer | undefined): boolean {
  if (!saved || saved.id !== question.id) return false;
  switch (question.kind) {
    case 'input':
      return typeof saved.value === 'string' && question.validate(saved.value) === true;
    case 'select':
      return question.choices.some((choice) => choice.value === saved.value);
    case 'checkbox':
      return Array.isArray(saved.value) && saved.value.every((value) => typeof value === 'string');
    case 'confirm':
      return typeof saved.value === 'boolean';
  }
}

/**
 * Runs the interview, taking the saved answers first while they still fit, then asking. Every answer
 * (saved or new) is pushed to `given`, so a Ctrl-C part way loses nothing already answered.
 */
export function runInterviewKeepingAnswers<Answers>(
  initial: Answers,
  questionsFor: (answers: Answers) => Array<Question<Answers>>,
  ask: (question: Question<Answers>) => Promise<unknown>,
  saved: GivenAnswer[],
  given: GivenAnswer[],
): Promise<Answers> {
  let replaying = true;
  return runQuestions(initial, questionsFor, async <Next>(question: Question<Next>) => {
    const typed = question as unknown as Question<Answers>;
    const candidate = saved[given.length];
    replaying = replaying && stillFits(typed, candidate);
    const value = replaying && candidate ? candidate.value : await ask(typed);
    given.push({ id: question.id, value });
    return value;
  });
}

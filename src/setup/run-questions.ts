import type { Question } from './question.js';

/** Answers one question; the terminal implementation prompts, tests script it. */
export type Asker = <Answers>(question: Question<Answers>) => Promise<unknown>;

/**
 * Asks the questions one at a time. The list is recomputed after each answer, because later questions
 * (each environment's baseline, each new tag's source) depend on earlier answers.
 */
export async function runQuestions<Answers>(
  initial: Answers,
  questionsFor: (answers: Answers) => Array<Question<Answers>>,
  ask: Asker,
): Promise<Answers> {
  let answers = initial;
  for (let index = 0; ; index += 1) {
    const question = questionsFor(answers)[index];
    if (!question) return answers;
    const value = await ask(question);
    answers = (question.apply as (state: Answers, value: unknown) => Answers)(answers, value);
  }
}

import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { runQuestions } from '../setup/run-questions.js';
import type { Question } from '../setup/question.js';

/** Runs an interview in the terminal, one question at a time. */
export function runInterview<Answers>(
  initial: Answers,
  questionsFor: (answers: Answers) => Array<Question<Answers>>,
): Promise<Answers> {
  return runQuestions(initial, questionsFor, askInTerminal);
}

/** Asks one question in the terminal. */
export async function askInTerminal<Answers>(question: Question<Answers>): Promise<unknown> {
  switch (question.kind) {
    case 'select':
      return select({ message: question.message, choices: question.choices, default: question.default });
    case 'input':
      return input({ message: question.message, default: question.default, validate: question.validate });
    case 'checkbox':
      return checkbox({ message: question.message, choices: question.choices });
    case 'confirm':
      return confirm({ message: question.message, default: question.default });
  }
}

/** Asks a yes/no question in the terminal. */
export const confirmInTerminal = (message: string): Promise<boolean> => confirm({ message, default: true });

export { isPromptCancelled } from './interrupted.js';

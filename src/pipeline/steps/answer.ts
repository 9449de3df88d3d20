import type { AnswerOutput, Question } from '../../../machines/relay-types.js';
import { renderAnswer } from '../render.js';
import type { TrackSession } from '../session.js';
import { readTrackFile, writeTrackFile } from '../track-files.js';

/** The answer already saved for question `number` with this key, when a crash came between saving and committing. */
function savedAnswer(qa: string, number: number, key: string): string | undefined {
  const block = new RegExp(`^## Q${number} \\(([^)]*)\\)\\n[\\s\\S]*?\\*\\*Answer:\\*\\* (.*)$`, 'm').exec(
    qa,
  );
  return block && block[1] === key ? block[2] : undefined;
}

/** qa.md up to question `number`: a block the machine never recorded is replaced, not duplicated. */
function keptBefore(qa: string, number: number): string {
  const start = qa.search(new RegExp(`^## Q${number} \\(`, 'm'));
  return start < 0 ? qa : qa.slice(0, start);
}

/** Gets the user's answer (prompt or --answers) and saves the Q&A to qa.md; never asks the same number twice. */
export async function answerQuestion(
  session: TrackSession,
  question: Question,
  number: number,
): Promise<AnswerOutput> {
  const existing =
    (await readTrackFile(session, 'qa.md')) ??
    `# Questions and answers\n\nRequest: ${session.meta.request}\n`;
  const already = savedAnswer(existing, number, question.key);
  if (already !== undefined)
    return { answer: already, files: [await writeTrackFile(session, 'qa.md', existing)] };
  const answer = (await session.deps.ask(question, number)).trim();
  const content = `${keptBefore(existing, number).trimEnd()}\n\n${renderAnswer(number, question, answer || '(no answer: choose a sensible default and state it as an assumption)')}`;
  return { answer, files: [await writeTrackFile(session, 'qa.md', content)] };
}

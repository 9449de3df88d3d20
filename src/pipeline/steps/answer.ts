import type { AnswerOutput, Question } from '../../../machines/relay-types.js';
import { renderAnswer } from '../render.js';
import type { TrackSession } from '../session.js';
import { readTrackFile, writeTrackFile } from '../track-files.js';

/** Reads the answer already saved for question `number`, when a crash came between saving and committing. */
function savedAnswer(qa: string, number: number): string | undefined {
  const block = new RegExp(`^## Q${number} \\([^)]*\\)\\n[\\s\\S]*?\\*\\*Answer:\\*\\* (.*)$`, 'm').exec(qa);
  return block?.[1];
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
  const already = savedAnswer(existing, number);
  if (already !== undefined)
    return { answer: already, files: [await writeTrackFile(session, 'qa.md', existing)] };
  const answer = (await session.deps.ask(question, number)).trim();
  const content = `${existing.trimEnd()}\n\n${renderAnswer(number, question, answer || '(no answer: choose a sensible default and state it as an assumption)')}`;
  return { answer, files: [await writeTrackFile(session, 'qa.md', content)] };
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { Repo } from '../git/repo.js';
import { trackPath } from '../tracks/naming.js';

/**
 * The host-agent step protocol keeps its book inside the track folder, next to state.json:
 * `agent/steps.json` (pending and answered steps) and `agent/answers/<step id>.json` (an answer
 * accepted but not yet applied). The machine's own state stays in state.json. Both are committed
 * with the track after every drive (commitStepBook), like every other track file.
 */
export const AGENT_FOLDER = 'agent';

/** A step id: the persona (or `question-<n>`) and a hash of the exact prompt, safe as a file name. */
export const STEP_ID_PATTERN = /^[a-z][a-z0-9-]{2,100}$/;

/** How far the agent asked the track to go: the same stops as the start commands' `--through`. */
export const ThroughSchema = z.enum(['spec', 'plan', 'implement']);
export type AgentThrough = z.infer<typeof ThroughSchema>;

/** The answer kinds: a persona's structured output, or the user's answer to a question. */
export const ANSWER_KINDS = ['clarify', 'review', 'plan', 'code', 'answer'] as const;

/** One step waiting for the host agent. */
export const PendingStepSchema = z.object({
  id: z.string().regex(STEP_ID_PATTERN),
  kind: z.enum(['persona', 'question']),
  persona: z.string(),
  /** What the step is, for people: e.g. "Cloud Architect: review". */
  title: z.string(),
  output: z.enum(ANSWER_KINDS),
  /**
   * A hash of who is asked and the task alone (not the artifacts): a step that makes several calls
   * (the IaC Engineer's tasks) runs them again on every drive, and an earlier task's prompt then
   * shows the code it wrote; its answer is found again by this key at the same machine position.
   */
  task: z.string(),
  /** The system blocks, byte for byte as the API path sends them. */
  system: z.array(z.string()),
  /** The one user message, byte for byte as the API path sends it. */
  prompt: z.string(),
  question: z
    .object({ number: z.number(), key: z.string(), text: z.string(), options: z.array(z.string()) })
    .optional(),
});
export type PendingStep = z.infer<typeof PendingStepSchema>;

/** A step whose answer the machine used. */
export const AnsweredStepSchema = z.object({
  id: z.string(),
  persona: z.string(),
  answeredBy: z.string(),
  at: z.string(),
});
export type AnsweredStep = z.infer<typeof AnsweredStepSchema>;

/** agent/steps.json. `position` says where the machine was when `pending` was written. */
export const StepBookSchema = z.object({
  version: z.literal(1),
  /** Who answers the persona steps: the agent (step by step) or the MCP client's model (track_run). */
  driver: z.enum(['agent', 'sampling']).default('agent'),
  through: ThroughSchema,
  state: z.string(),
  position: z.string(),
  pending: z.array(PendingStepSchema),
  answered: z.array(AnsweredStepSchema),
});
export type StepBook = z.infer<typeof StepBookSchema>;

/** agent/answers/<id>.json: an accepted answer, applied by the next drive. */
export const StoredAnswerSchema = z.object({
  id: z.string().regex(STEP_ID_PATTERN),
  task: z.string(),
  /** The machine's position (state value and steps done) when the answer was accepted. */
  position: z.string(),
  answeredBy: z.string(),
  data: z.unknown(),
});
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

const bookPath = (projectRoot: string, track: string) =>
  join(projectRoot, trackPath(track, `${AGENT_FOLDER}/steps.json`));

/** Path of the stored answer of a step (the id is checked against STEP_ID_PATTERN first). */
export const answerPath = (projectRoot: string, track: string, id: string): string =>
  join(projectRoot, trackPath(track, `${AGENT_FOLDER}/answers/${id}.json`));

/** Reads agent/steps.json; undefined when the track was never driven by an agent. */
export async function readStepBook(projectRoot: string, track: string): Promise<StepBook | undefined> {
  let text: string;
  try {
    text = await readFile(bookPath(projectRoot, track), 'utf8');
  } catch {
    return undefined;
  }
  const shown = trackPath(track, `${AGENT_FOLDER}/steps.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown} is not valid JSON`, [String(error)], {
      hint: `Delete ${shown} and run "infrakit step next ${track}": the pending steps are rebuilt from state.json.`,
    });
  }
  const parsed = StepBookSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `${shown} is invalid`,
      parsed.error.issues.map((issue) => `${shown}: ${issue.path.join('.') || '(root)'}: ${issue.message}`),
      { hint: `Delete ${shown} and run "infrakit step next ${track}": the pending steps are rebuilt.` },
    );
  return parsed.data;
}

/** The machine's position as stored with an answer: its state value and how many steps it completed. */
export const positionKey = (value: unknown, stepsDone: number): string => JSON.stringify([value, stepsDone]);

/** Every stored answer of the track (unreadable files are skipped: they count as not answered). */
export async function listStoredAnswers(projectRoot: string, track: string): Promise<StoredAnswer[]> {
  const folder = join(projectRoot, trackPath(track, `${AGENT_FOLDER}/answers`));
  const names = await readdir(folder).catch(() => [] as string[]);
  const answers: StoredAnswer[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const answer = await readStoredAnswer(projectRoot, track, name.slice(0, -'.json'.length));
    if (answer) answers.push(answer);
  }
  return answers;
}

/** Writes agent/steps.json atomically. */
export async function writeStepBook(projectRoot: string, track: string, book: StepBook): Promise<void> {
  await writeFileAtomic(bookPath(projectRoot, track), `${JSON.stringify(book, null, 2)}\n`);
}

/** The stored answer of a step, or undefined; a corrupt file counts as no answer (it is asked again). */
export async function readStoredAnswer(
  projectRoot: string,
  track: string,
  id: string,
): Promise<StoredAnswer | undefined> {
  if (!STEP_ID_PATTERN.test(id)) return undefined;
  try {
    const parsed = StoredAnswerSchema.safeParse(
      JSON.parse(await readFile(answerPath(projectRoot, track, id), 'utf8')),
    );
    return parsed.success && parsed.data.id === id ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Stores an accepted answer atomically: either the whole answer is there or none of it. */
export async function writeStoredAnswer(
  projectRoot: string,
  track: string,
  answer: StoredAnswer,
): Promise<void> {
  await writeFileAtomic(answerPath(projectRoot, track, answer.id), `${JSON.stringify(answer, null, 2)}\n`);
}

/**
 * Commits the track's agent folder as it is after a drive: the book, the answers still waiting
 * for their step, and the removal of those the machine used. Nothing changed, no commit. The
 * subject never reads "step <n> ...", so committedSteps() does not take it for a machine step.
 */
export async function commitStepBook(
  session: { deps: { repo: Repo }; meta: { track: string } },
  book: StepBook,
): Promise<string | undefined> {
  const { track } = session.meta;
  const waiting = book.pending.map((step) => step.persona).join(', ');
  const subject = book.pending.length
    ? `agent book, ${book.pending.length} pending (${waiting})`
    : `agent book, nothing pending (${book.state})`;
  return session.deps.repo.commitPaths([trackPath(track, AGENT_FOLDER)], `infrakit(${track}): ${subject}`);
}

import { Buffer } from 'node:buffer';
import { redactSecrets } from '../../providers/redact.js';
import { describeIssues } from '../../providers/structured-output.js';
import { UsageError } from '../errors/index.js';
import { resolveInside } from '../fs/confine.js';
import { MAX_FILE_BYTES } from '../pipeline/steps/write-code.js';
import { ANSWER_SCHEMAS } from './answer-schemas.js';
import { STEP_ID_PATTERN, type PendingStep, type StepBook } from './step-book.js';

/** The longest answer accepted (8 MB of text): a code answer holds a few small files. */
export const MAX_ANSWER_CHARACTERS = 8_000_000;

/** Where the track stands now (from state.json), to tell a stale submission from a current one. */
export interface TrackPosition {
  track: string;
  state: string;
  stepsDone: number;
  /** positionKey() of state.json's snapshot. */
  key: string;
}

/** What a submission is checked against. */
export interface SubmissionContext {
  projectRoot: string;
  codeDirectory: string;
  book: StepBook | undefined;
  position: TrackPosition;
  /** Values that must never be stored (the API keys in the environment). */
  secrets: ReadonlyArray<string | undefined>;
}

const expectedSteps = (book: StepBook | undefined, track: string): string =>
  book && book.pending.length
    ? `Expected one of: ${book.pending.map((step) => `${step.id} (${step.title})`).join('; ')}.`
    : `No step is waiting for an answer: run "infrakit step next ${track}" (MCP: track_next_step) to see where the track is.`;

const refuse = (message: string, context: SubmissionContext): UsageError =>
  new UsageError(message, { hint: expectedSteps(context.book, context.position.track) });

/**
 * Checks a submitted answer before anything is stored: the step must be pending on this track at
 * its current position, and the answer must be JSON meeting the step's schema, with no field the
 * schema does not have (an answer cannot carry a state, findings or gate results) and, for code,
 * only paths inside the track's code folder. Returns the step and the parsed answer.
 */
export async function checkSubmission(
  context: SubmissionContext,
  stepId: string,
  answerText: string,
): Promise<{ step: PendingStep; data: unknown }> {
  const { book, position } = context;
  if (answerText.length > MAX_ANSWER_CHARACTERS)
    throw refuse(
      `the answer to step ${stepId.slice(0, 80)} is longer than ${MAX_ANSWER_CHARACTERS} characters`,
      context,
    );
  if (!STEP_ID_PATTERN.test(stepId))
    throw refuse(
      `--step "${stepId.slice(0, 80)}": not a step id (ids look like architect-1a2b3c4d5e6f)`,
      context,
    );
  if (!book) throw refuse(`track ${position.track} has no step waiting for an agent's answer`, context);
  if (book.position !== position.key)
    throw new UsageError(
      `step ${stepId} is from an earlier point of track ${position.track}: the track moved on (it is now ${position.state} after ${position.stepsDone} step(s))`,
      { hint: `Run "infrakit step next ${position.track}" (MCP: track_next_step) for the current step.` },
    );
  const step = book.pending.find((candidate) => candidate.id === stepId);
  if (!step) {
    const answered = book.answered.some((entry) => entry.id === stepId);
    throw refuse(
      answered
        ? `step ${stepId} of track ${position.track} was already answered; an answer is given once`
        : `step ${stepId} is not waiting for an answer on track ${position.track} (a step of another track, or a made-up id)`,
      context,
    );
  }
  const data = parseAnswer(redactSecrets(answerText, context.secrets), step, context);
  if (step.output === 'code')
    await checkCodePaths(data as { files: Array<{ path: string; content: string }> }, step, context);
  return { step, data };
}

function parseAnswer(text: string, step: PendingStep, context: SubmissionContext): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw refuse(`the answer to step ${step.id} is not valid JSON (${(error as Error).message})`, context);
  }
  const schema = ANSWER_SCHEMAS[step.output];
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const allowed = Object.keys(schema.shape);
    const extra = Object.keys(raw).filter((key) => !allowed.includes(key));
    if (extra.length)
      throw refuse(
        `the answer to step ${step.id} has field(s) a ${step.output} answer does not have: ${extra.join(', ')} (allowed: ${allowed.join(', ')}); infrakit alone runs the gates and decides the track's state`,
        context,
      );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw refuse(
      `the answer to step ${step.id} does not match the ${step.output} schema:\n${describeIssues(parsed.error.issues)}`,
      context,
    );
  return parsed.data;
}

/** The same confinement and size rules the writer applies, checked before the answer is accepted. */
async function checkCodePaths(
  data: { files: Array<{ path: string; content: string }> },
  step: PendingStep,
  context: SubmissionContext,
): Promise<void> {
  const prefix = `${context.codeDirectory}/`;
  for (const file of data.files) {
    if (Buffer.byteLength(file.content) > MAX_FILE_BYTES)
      throw refuse(
        `step ${step.id}: ${file.path.slice(0, 120)} is larger than ${MAX_FILE_BYTES} bytes`,
        context,
      );
    const relative = file.path.startsWith(prefix) ? file.path.slice(prefix.length) : file.path;
    try {
      // The writer's rules for the path itself (absolute, "..", NUL, .git/ and .infrakit/ first), then
      // where it lands: inside the code folder, through no symlink that leads out.
      await resolveInside(context.projectRoot, relative);
      await resolveInside(context.projectRoot, `${context.codeDirectory}/${relative}`);
    } catch (error) {
      throw refuse(
        `step ${step.id}: ${(error as Error).message}; paths are relative to the code folder ${context.codeDirectory}`,
        context,
      );
    }
  }
}

import { rm } from 'node:fs/promises';
import type { CompletedStep, GateSummary, RelayEvent } from '../../machines/relay-types.js';
import type { JsonSchema } from '../../providers/json-schema.js';
import { withLock } from '../pipeline/operations.js';
import type { PersistedSnapshot } from '../pipeline/persist.js';
import { driveTrack, type DriveStart } from '../pipeline/runner.js';
import {
  createTrack,
  openTrack,
  type LockedSession,
  type NewTrackOptions,
} from '../pipeline/track-session.js';
import { stateName } from '../tracks/index-file.js';
import { agentPipelineDeps, withStepDesk, type AgentEnvironment, type DriveModel } from './agent-deps.js';
import { answerJsonSchema } from './answer-schemas.js';
import { checkSubmission } from './check-submission.js';
import { nextInstruction } from './next-instruction.js';
import { readStateFile } from '../tracks/state-file.js';
import {
  answerPath,
  commitStepBook,
  listStoredAnswers,
  positionKey,
  readStepBook,
  writeStepBook,
  writeStoredAnswer,
  type AgentThrough,
  type PendingStep,
  type StepBook,
} from './step-book.js';
import { createStepDesk } from './step-desk.js';

/** A pending step as the agent receives it: the prompt to answer and the JSON Schema the answer must meet. */
export interface IssuedStep extends PendingStep {
  schema: JsonSchema;
}

/** Where the track stands after a drive, and what the agent must do next. */
export interface StepReport {
  track: string;
  state: string;
  reason?: string;
  /** Every step waiting for the agent; several at once (the reviews) may be answered in parallel. */
  pending: IssuedStep[];
  gates: GateSummary[];
  steps: CompletedStep[];
  /** One sentence for the agent: what to do now. */
  next: string;
}

/** How to start a track in agent mode. */
export interface AgentStartOptions extends NewTrackOptions {
  through: AgentThrough;
  maxQuestions: number;
  maxRevisions?: number;
}

/** How to continue: `plan` / `implement` move on from a resting state, `retry` re-runs a blocked or failed step. */
export type Advance = 'plan' | 'implement' | 'retry';

const ORDER: AgentThrough[] = ['spec', 'plan', 'implement'];
const further = (a: AgentThrough, b: AgentThrough): AgentThrough =>
  ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;

/** The events a drive sends, in order; the runner skips those the machine does not accept. */
function eventsFor(through: AgentThrough, retry: boolean): RelayEvent['type'][] {
  return [
    'START',
    ...(retry ? (['RETRY'] as const) : []),
    ...(through !== 'spec' ? (['PLAN'] as const) : []),
    ...(through === 'implement' ? (['IMPLEMENT'] as const) : []),
  ];
}

/** Names of the API keys in the environment: their values never reach a stored answer. */
const secretsOf = (env: NodeJS.ProcessEnv): string[] =>
  Object.entries(env)
    .filter(([name]) => /(_API_KEY|_TOKEN|_SECRET)$/.test(name))
    .flatMap(([, value]) => (value ? [value] : []));

/**
 * Drives the machine with the agent's desk until it rests or every running step waits for the
 * agent, then writes the book: the pending steps, and the answers that were used. With a drive
 * model (MCP sampling) persona steps are answered by that model and only questions can wait.
 */
async function drive(
  locked: LockedSession,
  start: DriveStart,
  through: AgentThrough,
  retry: boolean,
  previous: StepBook | undefined,
  model?: DriveModel,
): Promise<StepReport> {
  const { projectRoot } = locked.session.deps;
  const track = locked.session.meta.track;
  const desk = createStepDesk(projectRoot, track);
  const controller = new AbortController();
  const cancel = () => controller.abort(model?.signal?.reason ?? new Error('the tool call was cancelled'));
  if (model?.signal?.aborted) cancel();
  model?.signal?.addEventListener('abort', cancel, { once: true });
  const session = withStepDesk(
    { ...locked.session, deps: { ...locked.session.deps, signal: controller.signal } },
    desk,
    model,
  );
  const driver = model ? 'sampling' : 'agent';
  try {
    const result = await driveTrack(session, start, eventsFor(through, retry), desk.suspended);
    const persisted = (await readStateFile(projectRoot, track)).snapshot;
    const position = positionKey(persisted.value, persisted.context.steps.length);
    const pending = [...new Map(desk.parked().map((step) => [step.id, step])).values()];
    const at = session.deps.now().toISOString();
    const used = desk.taken().filter((entry) => !pending.some((step) => step.id === entry.id));
    const book: StepBook = {
      version: 1,
      driver,
      through,
      state: result.state,
      position,
      pending,
      answered: [
        ...(previous?.answered ?? []).filter((entry) => !used.some((taken) => taken.id === entry.id)),
        ...used.map((entry) => ({ ...entry, at })),
      ],
    };
    await writeStepBook(projectRoot, track, book);
    // An answer is kept while its machine step runs (a step with several calls runs them all again).
    for (const stored of await listStoredAnswers(projectRoot, track))
      if (stored.position !== position) await rm(answerPath(projectRoot, track, stored.id), { force: true });
    await commitStepBook(locked.session, book);
    return {
      track,
      state: result.state,
      reason: result.context.reason,
      pending: pending.map((step) => ({ ...step, schema: answerJsonSchema(step.output) })),
      gates: result.context.gates,
      steps: result.context.steps,
      next: nextInstruction(track, result.state, pending, result.context.reason, driver),
    };
  } finally {
    model?.signal?.removeEventListener('abort', cancel);
    controller.abort(new Error('the drive ended'));
  }
}

/**
 * Starts a new track driven by the host agent: no API key; returns the first pending step. With a
 * drive model (MCP sampling) the track runs on through that model until it rests or asks a question.
 */
export async function startAgentTrack(
  environment: AgentEnvironment,
  options: AgentStartOptions,
  model?: DriveModel,
): Promise<StepReport> {
  const deps = await agentPipelineDeps(environment);
  return withLock(createTrack(deps, options), async (locked) => {
    const { session } = locked;
    const input = {
      track: session.meta.track,
      reviewerIds: session.meta.reviewerIds,
      maxQuestions: options.maxQuestions,
      maxRevisions: options.maxRevisions ?? 2,
      maxRepairRounds: session.constraints.codingStyle.maxRepairRounds,
    };
    return drive(locked, { input }, options.through, false, undefined, model);
  });
}

/** Restores the track and reports its pending steps (running any step an answer is already stored for). */
export async function nextAgentStep(
  environment: AgentEnvironment,
  reference: string,
  advance?: Advance,
  model?: DriveModel,
): Promise<StepReport> {
  const deps = await agentPipelineDeps(environment);
  return withLock(openTrack(deps, reference), async (locked) => {
    const book = await readStepBook(deps.projectRoot, locked.session.meta.track);
    const through =
      advance === 'plan' || advance === 'implement'
        ? further(book?.through ?? 'spec', advance)
        : (book?.through ?? 'spec');
    const snapshot = locked.state.snapshot as PersistedSnapshot;
    return drive(locked, { snapshot }, through, advance === 'retry', book, model);
  });
}

/** What the agent submits: a pending step's id, its answer as JSON text, and who answered. */
export interface Submission {
  stepId: string;
  answer: string;
  /** Shown in the ledger and in status, e.g. "host agent (claude-code)". */
  answeredBy?: string;
}

/**
 * Checks and stores one answer, then drives the track on. A refused answer changes nothing and
 * can be submitted again; an accepted one is used by the step exactly like a model's answer. A
 * track run through sampling (its book says so) goes on through `sampling` when it is given.
 */
export async function submitAgentStep(
  environment: AgentEnvironment,
  reference: string,
  submission: Submission,
  sampling?: DriveModel,
): Promise<StepReport> {
  const deps = await agentPipelineDeps(environment);
  return withLock(openTrack(deps, reference), async (locked) => {
    const { meta } = locked.session;
    const book = await readStepBook(deps.projectRoot, meta.track);
    const snapshot = locked.state.snapshot as PersistedSnapshot;
    const { step, data } = await checkSubmission(
      {
        projectRoot: deps.projectRoot,
        codeDirectory: meta.codeDirectory,
        book,
        position: {
          track: meta.track,
          state: stateName(snapshot.value),
          stepsDone: snapshot.context.steps.length,
          key: positionKey(snapshot.value, snapshot.context.steps.length),
        },
        secrets: secretsOf(environment.env),
      },
      submission.stepId,
      submission.answer,
    );
    await writeStoredAnswer(deps.projectRoot, meta.track, {
      id: step.id,
      task: step.task,
      position: positionKey(snapshot.value, snapshot.context.steps.length),
      answeredBy: answererLabel(submission.answeredBy),
      data,
    });
    const model = book?.driver === 'sampling' ? sampling : undefined;
    return drive(locked, { snapshot }, book?.through ?? 'spec', false, book, model);
  });
}

/** "host agent", or "host agent (<name>)" with the name cut to printable characters. */
export function answererLabel(name?: string): string {
  const clean = (name ?? '')
    .replace(/[^\w .@/+-]/g, '')
    .trim()
    .slice(0, 60);
  return clean ? `host agent (${clean})` : 'host agent';
}

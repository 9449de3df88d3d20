import { costOf } from '../../providers/pricing.js';
import { performance } from 'node:perf_hooks';
import type { Question, RelayEvent } from '../../machines/relay-types.js';
import { openRepo } from '../git/repo.js';
import type { LookupTool, PipelineDeps } from '../pipeline/deps.js';
import { driveTrack } from '../pipeline/runner.js';
import { createTrack } from '../pipeline/track-session.js';
import { listCodeFiles } from '../pipeline/track-files.js';
import type { EvalCase } from './case-schema.js';
import type { PipelineRunInput, PipelineRunner } from './eval-types.js';

/** The events of `new → plan → implement`: the same sequence as `create-*-code --through implement`. */
export const FULL_RUN_EVENTS = ['START', 'PLAN', 'IMPLEMENT'] as const;

/**
 * The scripted answer to a clarifying question: by key when the model used the case's key, else the
 * case's answer with the same number, else an explicit "no preference" (a live model may ask more).
 */
export function scriptedAnswerFor(evalCase: EvalCase, question: Question, number: number): string {
  const byKey = evalCase.answers.find((entry) => entry.key === question.key);
  if (byKey) return byKey.answer;
  return (
    evalCase.answers[number - 1]?.answer ??
    'No preference: choose the default the constraints imply and state it as an assumption.'
  );
}

/** Options of the in-process runner; each can be replaced (benches time or serialise parts of it). */
export interface InProcessRunnerOptions {
  personasDir: string;
  lookupTools?: () => Promise<LookupTool[]>;
  /** Edits the deps before the run (wrap gates, the repo or the clients). */
  adjust?: (deps: PipelineDeps) => PipelineDeps;
  progress?: (message: string) => void;
  /** Events to drive (default START, PLAN, IMPLEMENT); the P1 bench stops after START. */
  events?: RelayEvent['type'][];
  /** Receives the time spent creating the track (constraints, personas, track folder). */
  onTiming?: (phase: 'create-track' | 'drive', milliseconds: number) => void;
}

/**
 * The schema lookup tools, the way the CLI finds them (a store that cannot be opened gives none: the
 * verify gate still checks every field). The specifier is a literal, so the CLI bundle carries it.
 */
async function defaultLookupTools(projectRoot: string): Promise<LookupTool[]> {
  try {
    const { createLookupTools } = await import('../schemas/lookup-tools.js');
    return await createLookupTools(projectRoot);
  } catch {
    return [];
  }
}

/** Builds the pipeline deps of one eval case from the runner input. */
export function evalPipelineDeps(input: PipelineRunInput, options: InProcessRunnerOptions): PipelineDeps {
  const deps: PipelineDeps = {
    projectRoot: input.projectRoot,
    personasDir: options.personasDir,
    modelFor: (persona) => input.modelFor(persona.id),
    priceOf: (usage) => costOf(usage),
    gates: input.gates,
    ask: async (question, number) => scriptedAnswerFor(input.evalCase, question, number),
    repo: openRepo(input.projectRoot),
    now: () => new Date(),
    lookupTools: options.lookupTools ?? (() => defaultLookupTools(input.projectRoot)),
    maxToolRounds: 8,
    progress: options.progress ?? (() => undefined),
    signal: input.signal,
    pid: process.pid,
  };
  return options.adjust ? options.adjust(deps) : deps;
}

/** Runs the real pipeline in this process: create the track, then drive START, PLAN, IMPLEMENT. */
export function createInProcessPipelineRunner(options: InProcessRunnerOptions): PipelineRunner {
  return async (input) => {
    const deps = evalPipelineDeps(input, options);
    const created = performance.now();
    const { session, lock } = await createTrack(deps, {
      name: input.evalCase.name,
      tool: input.evalCase.tool,
      request: input.evalCase.request,
      environment: input.evalCase.environment,
    });
    options.onTiming?.('create-track', performance.now() - created);
    try {
      const driven = performance.now();
      const result = await driveTrack(
        session,
        {
          input: {
            track: session.meta.track,
            reviewerIds: session.meta.reviewerIds,
            maxQuestions: input.evalCase.answers.length + 2,
            maxRevisions: 1,
            maxRepairRounds: session.constraints.codingStyle.maxRepairRounds,
          },
        },
        options.events ?? [...FULL_RUN_EVENTS],
      );
      options.onTiming?.('drive', performance.now() - driven);
      const files = await listCodeFiles(input.projectRoot, session.meta.codeDirectory);
      const reason = result.context.reason ? `: ${result.context.reason}` : '';
      return { outcome: `${result.state}${result.state === 'done' ? '' : reason}`, files };
    } finally {
      await lock.release();
    }
  };
}

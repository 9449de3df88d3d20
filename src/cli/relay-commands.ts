import type { IacTool } from '../constraints/schema.js';
import { ConfigError, InfrakitError, UsageError } from '../errors/index.js';
import { parseMaxCost } from '../pipeline/budget.js';
import {
  COMMAND_EVENTS,
  continueRelay,
  startRelay,
  type RelayOutcome,
  type Through,
} from '../pipeline/operations.js';
import { checkName } from '../tracks/naming.js';
import type { CliIO } from './io.js';
import { DEFAULT_MAX_QUESTIONS, type RelayCommandOptions } from './relay-options.js';
import { buildPipelineDeps, failure, relayProjectRoot, requireAnswerSource } from './relay-runtime.js';
import { stoppedByInterrupt, trackInterrupted } from './interrupted.js';
import { viewOutcome } from './relay-view.js';

/** Aborts model calls on Ctrl-C; the command ends with an InterruptedError (exit 130) naming the resume command. */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  // Kept until the command ends, not once: a second Ctrl-C while the track winds down (its last
  // commit, the state write) must not kill the process with files staged and the lock held.
  const onInterrupt = () => controller.abort(new Error('interrupted (Ctrl-C)'));
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onInterrupt) };
}

/** Prints the outcome and returns the exit code; a failed track rethrows its error, Ctrl-C an InterruptedError. */
export async function finish(
  io: CliIO,
  projectRoot: string,
  outcome: RelayOutcome,
  signal?: AbortSignal,
): Promise<number> {
  if (outcome.state !== 'done' && stoppedByInterrupt(outcome.error, signal))
    throw trackInterrupted(outcome.track, outcome.state);
  if (outcome.state === 'failed') failure(outcome);
  const view = await viewOutcome(projectRoot, outcome, io.style);
  io.result(view.json, view.human);
  // Blocked by a provider error that outlived its retries: keep the provider's exit code (6).
  const providerExit = InfrakitError.isInstance(outcome.error) && outcome.error.exitCode === 6;
  return outcome.state === 'blocked' && providerExit ? 6 : view.exitCode;
}

export async function environmentOf(projectRoot: string, requested?: string): Promise<string | undefined> {
  if (!requested) return undefined;
  const { loadConstraints } = await import('../constraints/load.js');
  const names = (await loadConstraints(projectRoot)).context.environments.map(
    (environment) => environment.name,
  );
  if (!names.includes(requested))
    throw new UsageError(
      `--env ${requested}: not an environment in .infrakit/context.md (known: ${names.join(', ')})`,
    );
  return requested;
}

/** `maxQuestions` from .infrakit/config.yaml, else DEFAULT_MAX_QUESTIONS. */
async function configuredMaxQuestions(io: CliIO): Promise<number> {
  const { findProjectRoot } = await import('../project/project-root.js');
  const { readProjectConfig } = await import('../../providers/config-files.js');
  const root = await findProjectRoot(io.cwd);
  const value = root ? (await readProjectConfig(root))['maxQuestions'] : undefined;
  return typeof value === 'number' ? value : DEFAULT_MAX_QUESTIONS;
}

/** The start command of each IaC tool. */
export const START_COMMAND: Record<IacTool, string> = {
  crossplane: 'new-composition',
  terraform: 'create-terraform-code',
  cloudformation: 'create-cloudformation-code',
};

/** Refuses (exit 2) a start command for another tool than the project's (coding-style.md `iac`). */
async function requireProjectTool(projectRoot: string, tool: IacTool): Promise<void> {
  const { loadConstraints } = await import('../constraints/load.js');
  const projectTool = (await loadConstraints(projectRoot)).codingStyle.iac;
  if (projectTool === tool) return;
  throw new UsageError(
    `infrakit ${START_COMMAND[tool]} writes ${tool}, but this is a ${projectTool} project (.infrakit/coding-style.md: iac: ${projectTool})`,
    {
      hint: `Use "infrakit ${START_COMMAND[projectTool]} <name>" here, or create a ${tool} project with "infrakit init <dir> --iac ${tool}".`,
    },
  );
}

/** new-composition, create-terraform-code, create-cloudformation-code. */
export async function runStartCommand(
  io: CliIO,
  tool: IacTool,
  name: string,
  words: string[],
  options: RelayCommandOptions,
): Promise<number> {
  checkName(name);
  requireAnswerSource(io, options);
  const budget = options.maxCost ? parseMaxCost(options.maxCost) : undefined;
  const maxQuestions =
    options.maxQuestions === undefined ? await configuredMaxQuestions(io) : Number(options.maxQuestions);
  if (!Number.isInteger(maxQuestions) || maxQuestions < 0 || maxQuestions > 20)
    throw new UsageError(`--max-questions ${options.maxQuestions}: expected a whole number from 0 to 20`);
  const projectRoot = await relayProjectRoot(io);
  await requireProjectTool(projectRoot, tool);
  const environment = await environmentOf(projectRoot, options.env);
  const interrupt = interruptSignal();
  try {
    // The provider settings (and the key) are checked before the first question is asked.
    const deps = await buildPipelineDeps(io, options, projectRoot, interrupt.signal);
    let request = words.join(' ').trim();
    if (!request && io.interactive && !options.answers) {
      const { input } = await import('@inquirer/prompts');
      request = (await input({ message: `What do you need (${name})?` })).trim();
    }
    if (!request) request = `Create ${name.replace(/-/g, ' ')}.`;
    const through: Through =
      options.through === 'implement' ? 'implement' : options.through === 'plan' ? 'plan' : 'spec';
    const outcome = await startRelay(
      deps,
      { name, tool, request, environment, budget },
      { maxQuestions, maxRevisions: 2 },
      through,
    );
    return await finish(io, projectRoot, outcome, interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}

/** plan, implement and resume on an existing track. */
export async function runContinueCommand(
  io: CliIO,
  command: keyof typeof COMMAND_EVENTS,
  track: string,
  options: RelayCommandOptions,
): Promise<number> {
  const budget = options.maxCost ? parseMaxCost(options.maxCost) : undefined;
  const projectRoot = await relayProjectRoot(io);
  const { findTrack } = await import('../tracks/store.js');
  const { readStateFile } = await import('../tracks/state-file.js');
  const { stateName } = await import('../tracks/index-file.js');
  const id = await findTrack(projectRoot, track);
  const state = await readStateFile(projectRoot, id);
  const current = stateName(state.snapshot.value);
  if (current.startsWith('specifying')) requireAnswerSource(io, options);
  // A done whose final commit failed is finished by continueRelay (it commits the pending steps);
  // a done that git does not back is refused.
  if (current === 'done' && (await doneIsProven(projectRoot, id, state.snapshot.context.steps))) {
    io.result(
      { track: id, state: 'done' },
      `track ${id} is already done. To change it: infrakit quick-fix "<change>" --track ${id}`,
    );
    return 0;
  }
  const interrupt = interruptSignal();
  try {
    // A done track here has only uncommitted last steps: they are committed without any model key.
    const deps = await buildPipelineDeps(io, options, projectRoot, interrupt.signal, {
      model: current !== 'done',
    });
    const outcome = await continueRelay(deps, id, [...COMMAND_EVENTS[command]], budget);
    return await finish(io, projectRoot, outcome, interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}

/** True when git proves the track done; false when its last steps are uncommitted; throws when forged. */
async function doneIsProven(
  projectRoot: string,
  track: string,
  steps: Array<{ number: number }>,
): Promise<boolean> {
  const { doneEvidence, doneEvidenceHint } = await import('../tracks/done-evidence.js');
  const { openRepo } = await import('../git/repo.js');
  const evidence = await doneEvidence(
    openRepo(projectRoot),
    track,
    steps.map((step) => step.number),
  );
  if (evidence.kind === 'missing')
    throw new ConfigError(`track ${track}: ${evidence.problem}`, [], { hint: doneEvidenceHint(track) });
  return evidence.kind === 'proven';
}

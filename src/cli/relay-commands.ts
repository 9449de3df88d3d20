import type { IacTool } from '../constraints/schema.js';
import { UsageError } from '../errors/index.js';
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
import type { RelayCommandOptions } from './relay-options.js';
import { buildPipelineDeps, failure, relayProjectRoot, requireAnswerSource } from './relay-runtime.js';
import { viewOutcome } from './relay-view.js';

/** Aborts model calls on Ctrl-C; the track ends `failed` and can be resumed. */
function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new Error('interrupted (Ctrl-C)'));
  process.once('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onInterrupt) };
}

/** Prints the outcome and returns the exit code; a failed track rethrows its error. */
async function finish(io: CliIO, projectRoot: string, outcome: RelayOutcome): Promise<number> {
  if (outcome.state === 'failed') failure(outcome);
  const view = await viewOutcome(projectRoot, outcome, io.style);
  io.result(view.json, view.human);
  return view.exitCode;
}

async function environmentOf(projectRoot: string, requested?: string): Promise<string | undefined> {
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
  const maxQuestions = options.maxQuestions === undefined ? 5 : Number(options.maxQuestions);
  if (!Number.isInteger(maxQuestions) || maxQuestions < 0 || maxQuestions > 20)
    throw new UsageError(`--max-questions ${options.maxQuestions}: expected a whole number from 0 to 20`);
  const projectRoot = await relayProjectRoot(io);
  const environment = await environmentOf(projectRoot, options.env);
  let request = words.join(' ').trim();
  if (!request && io.interactive && !options.answers) {
    const { input } = await import('@inquirer/prompts');
    request = (await input({ message: `What do you need (${name})?` })).trim();
  }
  if (!request) request = `Create ${name.replace(/-/g, ' ')}.`;
  const interrupt = interruptSignal();
  try {
    const deps = await buildPipelineDeps(io, options, projectRoot, interrupt.signal);
    const through: Through =
      options.through === 'implement' ? 'implement' : options.through === 'plan' ? 'plan' : 'spec';
    const outcome = await startRelay(
      deps,
      { name, tool, request, environment, budget },
      { maxQuestions, maxRevisions: 2 },
      through,
    );
    return await finish(io, projectRoot, outcome);
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
  const current = stateName((await readStateFile(projectRoot, id)).snapshot.value);
  if (current.startsWith('specifying')) requireAnswerSource(io, options);
  if (current === 'done') {
    io.result(
      { track: id, state: 'done' },
      `track ${id} is already done. To change it: infrakit quick-fix "<change>" --track ${id}`,
    );
    return 0;
  }
  const interrupt = interruptSignal();
  try {
    const deps = await buildPipelineDeps(io, options, projectRoot, interrupt.signal);
    const outcome = await continueRelay(deps, id, [...COMMAND_EVENTS[command]], budget);
    return await finish(io, projectRoot, outcome);
  } finally {
    interrupt.dispose();
  }
}

/** architect-review and security-review: re-run one review on demand. */
export async function runReviewCommand(
  io: CliIO,
  reviewerId: string,
  track: string,
  options: RelayCommandOptions,
): Promise<number> {
  const projectRoot = await relayProjectRoot(io);
  const deps = await buildPipelineDeps(io, options, projectRoot);
  const { rerunReview } = await import('../pipeline/rerun-review.js');
  const { renderReviews } = await import('./relay-view.js');
  const result = await rerunReview(deps, track, reviewerId);
  io.result(
    result,
    `track ${result.track}: ${reviewerId} review re-run\n${renderReviews([{ reviewer: reviewerId, review: result.review }], io.style)}`,
  );
  return 0;
}

/** quick-fix "<change>" [--track <track>]. */
export async function runQuickFixCommand(
  io: CliIO,
  change: string,
  options: RelayCommandOptions,
): Promise<number> {
  if (!change.trim())
    throw new UsageError('quick-fix needs a change, e.g. infrakit quick-fix "enable point-in-time recovery"');
  if (!options.yes && !io.interactive)
    throw new UsageError(
      'quick-fix shows the plan and asks before writing code; there is no terminal to ask in',
      { hint: 'Pass --yes to implement without asking.' },
    );
  const budget = options.maxCost ? parseMaxCost(options.maxCost) : undefined;
  const projectRoot = await relayProjectRoot(io);
  const environment = await environmentOf(projectRoot, options.env);
  const { loadConstraints } = await import('../constraints/load.js');
  const constraints = await loadConstraints(projectRoot);
  const name = `fix-${
    change
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'change'
  }`;
  const interrupt = interruptSignal();
  try {
    const deps = await buildPipelineDeps(io, options, projectRoot, interrupt.signal);
    const { quickFix } = await import('../pipeline/quick-fix.js');
    const outcome = await quickFix(
      deps,
      { change, track: options.track, name, tool: constraints.codingStyle.iac, environment, budget },
      async (plan) => {
        io.say(`${io.style.bold('Plan for')} ${plan.track}\n\n${plan.plan.trim()}\n\n${plan.tasks.trim()}\n`);
        if (options.yes) return true;
        const { confirm } = await import('@inquirer/prompts');
        return confirm({ message: 'Implement this plan?', default: true });
      },
    );
    return await finish(io, projectRoot, outcome);
  } finally {
    interrupt.dispose();
  }
}

/** analyze <track>: deterministic drift report; --with-model adds the model's opinion. */
export async function runAnalyzeCommand(
  io: CliIO,
  track: string,
  options: RelayCommandOptions,
): Promise<number> {
  const projectRoot = await relayProjectRoot(io);
  const { findTrack } = await import('../tracks/store.js');
  const { readStateFile } = await import('../tracks/state-file.js');
  const { analyzeTrack } = await import('../pipeline/analyze.js');
  const id = await findTrack(projectRoot, track);
  const report = await analyzeTrack(projectRoot, (await readStateFile(projectRoot, id)).meta);
  let opinion: unknown;
  const lines = [
    `Drift in ${id}: ${report.requirements.length} requirement(s), ${report.tasks} task(s), ${report.codeFiles.length} code file(s)`,
  ];
  lines.push(
    ...(report.drift.length
      ? report.drift.map((item) => `  ${io.style.yellow(item.kind)} ${item.message}`)
      : ['  no drift found']),
  );
  if (options.withModel) {
    const deps = await buildPipelineDeps(io, options, projectRoot);
    const { openTrack } = await import('../pipeline/track-session.js');
    const { withLock } = await import('../pipeline/operations.js');
    const { modelDriftOpinion } = await import('../pipeline/analyze-with-model.js');
    const { renderReviews } = await import('./relay-view.js');
    const review = await withLock(openTrack(deps, id), ({ session }) => modelDriftOpinion(session, report));
    opinion = review;
    lines.push(
      '',
      'Second opinion (model):',
      renderReviews([{ reviewer: 'iac-engineer', review }], io.style),
    );
  }
  io.result({ ...report, opinion }, lines.join('\n'));
  return report.drift.length ? 4 : 0;
}

import { InterruptedError, UsageError } from '../errors/index.js';
import { parseMaxCost } from '../pipeline/budget.js';
import type { CliIO } from './io.js';
import { environmentOf, finish, interruptSignal } from './relay-commands.js';
import type { RelayCommandOptions } from './relay-options.js';
import { buildPipelineDeps, relayProjectRoot } from './relay-runtime.js';
import { stoppedByInterrupt } from './interrupted.js';

/**
 * Runs work that changes nothing until it finishes, with Ctrl-C aborting its model calls: an
 * interruption ends in an InterruptedError (exit 130) that says nothing was changed and repeats the command.
 */
async function interruptible<T>(
  what: string,
  again: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const interrupt = interruptSignal();
  try {
    return await work(interrupt.signal);
  } catch (error) {
    if (!stoppedByInterrupt(error, interrupt.signal)) throw error;
    throw new InterruptedError(`${what} stopped by Ctrl-C`, {
      kept: 'the track as it was: nothing is written or committed until the answer is complete',
      resume: again,
    });
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
  const { rerunReview } = await import('../pipeline/rerun-review.js');
  const { renderReviews } = await import('./relay-view.js');
  const command = reviewerId === 'architect' ? 'architect-review' : 'security-review';
  const result = await interruptible(
    `the ${reviewerId} review of ${track}`,
    `infrakit ${command} ${track}`,
    async (signal) =>
      rerunReview(await buildPipelineDeps(io, options, projectRoot, signal), track, reviewerId),
  );
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
    return await finish(io, projectRoot, outcome, interrupt.signal);
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
    const { openTrack } = await import('../pipeline/track-session.js');
    const { withLock } = await import('../pipeline/operations.js');
    const { modelDriftOpinion } = await import('../pipeline/analyze-with-model.js');
    const { renderReviews } = await import('./relay-view.js');
    const review = await interruptible(
      `the model's drift opinion on ${id}`,
      `infrakit analyze ${id} --with-model`,
      async (signal) =>
        withLock(openTrack(await buildPipelineDeps(io, options, projectRoot, signal), id), ({ session }) =>
          modelDriftOpinion(session, report),
        ),
    );
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

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReviewResult } from '../pipeline/output-schemas.js';
import type { RelayOutcome } from '../pipeline/operations.js';
import { trackPath } from '../tracks/naming.js';
import type { Style } from './io.js';
import { filesWritten, gateFindings, specSummary, tasksSummary } from './track-artifacts-view.js';

/** What a command prints about where the track stands, plus its exit code (done 0, blocked 5). */
export interface OutcomeView {
  json: Record<string, unknown>;
  human: string;
  exitCode: number;
}

/** Reads every review of the track (for the spec-reviewed summary). */
export async function readReviews(
  projectRoot: string,
  track: string,
  reviewerIds: string[],
): Promise<Array<{ reviewer: string; review: ReviewResult }>> {
  const found: Array<{ reviewer: string; review: ReviewResult }> = [];
  for (const reviewer of reviewerIds) {
    const text = await readFile(join(projectRoot, trackPath(track, `review-${reviewer}.json`)), 'utf8').catch(
      () => undefined,
    );
    if (text) found.push({ reviewer, review: JSON.parse(text) as ReviewResult });
  }
  return found;
}

/** Renders reviews: verdict per reviewer and its findings, most severe first. */
export function renderReviews(
  reviews: Array<{ reviewer: string; review: ReviewResult }>,
  style: Style,
): string {
  const order = ['critical', 'high', 'medium', 'low', 'info'];
  return reviews
    .map(({ reviewer, review }) => {
      const color =
        review.verdict === 'REJECT' ? style.red : review.verdict === 'APPROVE' ? style.green : style.yellow;
      const findings = [...review.findings]
        .sort((left, right) => order.indexOf(left.severity) - order.indexOf(right.severity))
        .map((finding) => `    [${finding.severity}] ${finding.id} ${finding.title}`);
      return [`  ${style.bold(reviewer)}: ${color(review.verdict)}`, ...findings].join('\n');
    })
    .join('\n');
}

/** The next command to run from each resting state. */
export function nextStep(state: string, track: string): string | undefined {
  if (state === 'spec-reviewed') return `infrakit plan ${track}`;
  if (state === 'planned') return `infrakit implement ${track}`;
  if (state === 'blocked' || state === 'failed')
    return `infrakit resume ${track}   (after fixing the cause above)`;
  return undefined;
}

/** Builds the view of a finished command. */
export async function viewOutcome(
  projectRoot: string,
  outcome: RelayOutcome,
  style: Style,
): Promise<OutcomeView> {
  const { track, state, reason, context } = outcome;
  const lines = [`${style.bold('track')} ${track}: ${stateLabel(state, style)}`];
  const reviews = await readReviews(projectRoot, track, context.reviewerIds);
  const spec = state === 'spec-reviewed' ? await specSummary(projectRoot, track) : undefined;
  if (spec) lines.push('', spec);
  if (state === 'spec-reviewed' && reviews.length) lines.push('', 'Reviews:', renderReviews(reviews, style));
  const tasks = state === 'planned' ? await tasksSummary(projectRoot, track) : undefined;
  if (tasks) lines.push('', tasks);
  const written = filesWritten(context.steps);
  if (written.length && (state === 'done' || state === 'blocked'))
    lines.push('', `Files written (${written.length}):`, ...written.map((file) => `  ${file}`));
  if (reason && (state === 'blocked' || state === 'failed')) lines.push('', reason);
  const gateBlocked = state === 'blocked' && context.gates.some((gate) => gate.status !== 'passed');
  const gateView = gateBlocked ? await gateFindings(projectRoot, track) : undefined;
  if (gateView) lines.push('', gateView.text);
  if (state === 'done')
    lines.push('', `Every gate passed: ${context.gates.map((gate) => gate.gate).join(', ')}.`);
  const next = nextStep(state, track);
  if (next) lines.push('', `Next: ${next}`);
  return {
    json: {
      track,
      state,
      reason,
      gates: context.gates,
      ...(gateView ? { findings: gateView.findings, gateReport: trackPath(track, 'gate-report.md') } : {}),
      ...(written.length ? { filesWritten: written } : {}),
      reviews: Object.fromEntries(reviews.map(({ reviewer, review }) => [reviewer, review])),
      next,
    },
    human: lines.join('\n'),
    exitCode: state === 'blocked' ? 5 : 0,
  };
}

/** A coloured state name. */
export function stateLabel(state: string, style: Style): string {
  if (state === 'done') return style.green(state);
  if (state === 'blocked' || state === 'failed') return style.red(state);
  return style.cyan(state);
}

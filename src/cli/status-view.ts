import type { ConstraintsSummary, TrackStatus } from '../pipeline/status.js';
import type { Style } from './io.js';
import { stateLabel } from './relay-view.js';

const usageLine = (status: TrackStatus): string => {
  const { usage } = status;
  const priced = usage.calls - usage.unpricedCalls;
  const cost =
    usage.calls === 0
      ? '$0.00'
      : priced === 0
        ? `cost unknown (no price for the model of ${usage.unpricedCalls === 1 ? 'this call' : `these ${usage.unpricedCalls} calls`})`
        : `$${usage.costUsd.toFixed(4)}${usage.unpricedCalls ? ` + the cost of ${usage.unpricedCalls} unpriced call(s)` : ''}`;
  return `${usage.calls} call(s), ${usage.inputTokens} in / ${usage.outputTokens} out tokens (cache ${usage.cacheReadTokens} read / ${usage.cacheWriteTokens} written), ${cost}`;
};

/** The constraints summary shown by `status`. */
export function renderConstraints(summary: ConstraintsSummary): string {
  if (!summary.ok) return `Constraints: INVALID\n  ${summary.problems.join('\n  ')}`;
  return [
    `Constraints: ${summary.provider} ${summary.region}, ${summary.iac} (validator ${summary.validator})`,
    `  environments: ${summary.environments?.join(', ')}; compliance: ${summary.compliance?.join(', ') || 'none'}; mandatory tags: ${summary.mandatoryTags?.join(', ')}`,
  ].join('\n');
}

/** `infrakit status` with no track. */
export function renderOverview(tracks: TrackStatus[], constraints: ConstraintsSummary, style: Style): string {
  const lines = [renderConstraints(constraints), ''];
  if (tracks.length === 0) {
    lines.push(
      'No tracks yet. Start one with:',
      '  infrakit new-composition <name> "<what you need>"        (Crossplane)',
      '  infrakit create-terraform-code <name> "<what you need>"  (Terraform)',
      '  infrakit create-cloudformation-code <name> "<what you need>"  (CloudFormation)',
    );
    return lines.join('\n');
  }
  lines.push(style.bold('Tracks:'));
  for (const track of tracks) {
    lines.push(
      `  ${track.meta.track}  ${stateLabel(track.state, style)}  ${track.meta.tool}  ${usageLine(track)}`,
    );
    if (track.reason && (track.state === 'blocked' || track.state === 'failed'))
      lines.push(`    ${track.reason.split('\n').join('\n    ')}`);
  }
  return lines.join('\n');
}

/** `infrakit status <track>`. */
export function renderTrackStatus(status: TrackStatus, style: Style): string {
  const lines = [
    `${style.bold(status.meta.track)}: ${stateLabel(status.state, style)} (updated ${status.updatedAt})`,
    `  tool ${status.meta.tool}, code in ${status.meta.codeDirectory}${status.meta.environment ? `, environment ${status.meta.environment}` : ''}`,
    `  request: ${status.meta.request}`,
    `  usage: ${usageLine(status)}`,
  ];
  if (status.reason) lines.push('', `Reason:\n  ${status.reason.split('\n').join('\n  ')}`);
  const reviews = Object.entries(status.reviews);
  if (reviews.length)
    lines.push(
      '',
      'Reviews:',
      ...reviews.map(([id, review]) => `  ${id}: ${review.verdict} (${review.openFindings} open finding(s))`),
    );
  if (status.gates.length)
    lines.push(
      '',
      'Gates:',
      ...status.gates.map((gate) => `  ${gate.gate}: ${gate.status} - ${gate.summary}`),
    );
  if (status.steps.length)
    lines.push(
      '',
      'History:',
      ...status.steps.map(
        (step) =>
          `  ${step.number}. ${step.name} (${step.persona}${status.answeredBy[step.number] ? `, answered by ${status.answeredBy[step.number]}` : ''})${step.files.length ? `: ${step.files.join(', ')}` : ''}`,
      ),
    );
  return lines.join('\n');
}

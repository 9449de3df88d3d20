import type { StepReport } from '../steps/agent-operations.js';
import type { Style } from './io.js';

/** The exit code of a step command: 0 while steps are pending or the track rests or is done, 5 when it stopped. */
export const stepExitCode = (report: StepReport): number =>
  report.state === 'blocked' || report.state === 'failed' ? 5 : 0;

/** The human rendering of a step report (the JSON is the report itself). */
export function renderStepReport(report: StepReport, style: Style): string {
  const lines = [
    `${style.bold(report.track)}: ${report.state}${report.reason ? ` - ${report.reason.split('\n')[0]}` : ''}`,
    report.next,
  ];
  for (const step of report.pending) {
    lines.push('', `step ${style.bold(step.id)}: ${step.title}`);
    if (step.question) {
      lines.push(`  ${step.question.text}`);
      if (step.question.options.length) lines.push(`  options: ${step.question.options.join(' | ')}`);
    } else {
      lines.push('  its system, prompt and answer schema: run the same command with --json');
    }
    lines.push(`  answer with: infrakit step submit ${report.track} --step ${step.id} --answer <file|->`);
  }
  for (const gate of report.gates) lines.push(`gate ${gate.gate}: ${gate.status}: ${gate.summary}`);
  return lines.join('\n');
}

import type { EvalReport, SubjectSummary } from '../eval/eval-types.js';
import type { Style } from './io.js';

const percent = (value: number) => `${Math.round(value * 100)}%`;

function line(summary: SubjectSummary): string {
  const cost = summary.tokens.costUsd === undefined ? 'cost n/a' : `$${summary.tokens.costUsd.toFixed(4)}`;
  return (
    `  ${summary.subject.padEnd(9)} pass ${percent(summary.passRate).padStart(4)} (verifier+policy ${percent(summary.ownChecksPassRate)})` +
    `  field errors ${summary.fieldErrors}  tokens/case ${Math.round(summary.inputTokensPerCase)}  ${cost}  ${(summary.wallMsTotal / 1000).toFixed(1)} s`
  );
}

/** The terminal summary of an eval run. */
export function renderEvalSummary(report: EvalReport, folder: string, style: Style): string {
  const lines = [
    style.bold(
      `InfraKit eval: ${report.cases.length} result(s) per approach, provider ${report.provider} (${report.model})`,
    ),
  ];
  if (report.scripted)
    lines.push(
      style.yellow('  scripted fixtures, not a live model: these figures test the harness, not the pipeline'),
    );
  lines.push(line(report.totals.pipeline), line(report.totals.baseline));
  const validator = report.totals.pipeline.validator;
  if (validator.unavailable > 0)
    lines.push(
      style.dim(
        `  the external validator was unavailable for ${validator.unavailable} pipeline result(s): those never count as passed (see infrakit doctor)`,
      ),
    );
  lines.push(`  wrote ${folder}/results.md, results.json and chart.svg`);
  return lines.join('\n');
}

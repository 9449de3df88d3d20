import type { CaseResult, EvalReport, SubjectResult, SubjectSummary } from './eval-types.js';
import { allInputTokens } from './usage-meter.js';

const percent = (value: number) => `${Math.round(value * 100)}%`;
const dollars = (value: number | undefined) => (value === undefined ? 'n/a' : `$${value.toFixed(4)}`);
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** One table cell: lines joined, pipes escaped, at most 110 characters. */
const cell = (text: string) => {
  const first = text.replace(/:?\s*\n+/g, ': ').replace(/\|/g, '\\|');
  return first.length > 110 ? `${first.slice(0, 109)}…` : first;
};

function findings(result: SubjectResult | SubjectSummary): string {
  const counts = 'score' in result ? result.score.policyFindings : result.policyFindings;
  return `${counts.critical}/${counts.high}/${counts.medium}/${counts.low}`;
}

function caseRow(entry: CaseResult, subject: 'pipeline' | 'baseline'): string {
  const result = entry[subject];
  const score = result.score;
  const verdict = score.passed ? 'PASS' : score.ownChecksPassed ? 'own checks pass' : 'FAIL';
  const outcome = cell(result.error ? `error: ${result.error}` : result.outcome);
  return `| ${entry.caseId} | ${entry.run} | ${subject} | ${entry.tool} | ${verdict} | ${outcome} | ${score.fieldErrors} | ${findings(result)} | ${score.missingTags ?? 'n/a'} | ${score.validator} | ${allInputTokens(result.tokens)} | ${result.tokens.outputTokens} | ${dollars(result.tokens.costUsd)} | ${seconds(result.wallMs)} |`;
}

function totalRow(summary: SubjectSummary): string {
  return `| ${summary.subject} | ${percent(summary.passRate)} (${summary.passed}/${summary.results}) | ${percent(summary.ownChecksPassRate)} | ${summary.fieldErrors} | ${findings(summary)} | ${summary.missingTags} | ${summary.validator.passed}/${summary.validator.failed}/${summary.validator.unavailable} | ${Math.round(summary.inputTokensPerCase)} | ${summary.tokens.outputTokens} | ${dollars(summary.tokens.costUsd)} | ${seconds(summary.wallMsTotal)} | ${summary.errors} |`;
}

/** The Markdown report: a warning when scripted, the totals, then one row per case, run and approach. */
export function renderMarkdownReport(report: EvalReport): string {
  const lines = [`# InfraKit eval · ${report.generatedAt.slice(0, 10)}`, ''];
  lines.push(
    `Provider \`${report.provider}\`, model \`${report.model}\`, ${report.cases.length / Math.max(1, report.runs)} case(s) × ${report.runs} run(s).`,
    '',
  );
  if (report.scripted) {
    lines.push(
      '> **Scripted fixtures, not a live model.** Both approaches replayed hand-written answers (eval/scripted/), the same code for a case.',
      '> These figures test the harness end to end; they are not evidence for or against the four-persona pipeline.',
      '',
    );
  }
  lines.push('## Totals', '');
  lines.push(
    '| approach | pass rate (all gates) | pass rate (verifier + policy) | field errors | policy findings C/H/M/L | missing tags | validator pass/fail/unavailable | input tokens per case | output tokens | cost | wall time | errors |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  lines.push(totalRow(report.totals.pipeline), totalRow(report.totals.baseline), '');
  lines.push(
    'A result passes only when the verifier, the policy engine and the external validator all ran and passed and no mandatory tag is missing; an unavailable validator never counts as a pass.',
    '',
  );
  lines.push('## Per case', '');
  lines.push(
    '| case | run | approach | tool | verdict | outcome | field errors | policy C/H/M/L | missing tags | validator | input tokens | output tokens | cost | wall time |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const entry of report.cases) lines.push(caseRow(entry, 'pipeline'), caseRow(entry, 'baseline'));
  lines.push('', '![pass rate against tokens](chart.svg)', '');
  return lines.join('\n');
}

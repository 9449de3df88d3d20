import type { ReviewResult } from './output-schemas.js';

/** A table cell: one line, pipes escaped. */
const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

const dollars = (amount: number): string => `$${amount.toFixed(2)}`;

/** The Architect's cost table, with its assumptions. */
function costSection(estimate: NonNullable<ReviewResult['costEstimate']>): string {
  const rows = estimate.lines.map(
    (line) => `| ${cell(line.item)} | ${dollars(line.monthlyUsd)} | ${cell(line.assumption)} |`,
  );
  const assumptions = estimate.assumptions.map((assumption) => `- ${assumption}`);
  return [
    '## Monthly cost estimate',
    '',
    '| item | USD / month | assumption |',
    '| --- | ---: | --- |',
    ...rows,
    `| **total** | **${dollars(estimate.totalMonthlyUsd)}** | |`,
    '',
    ...(assumptions.length ? ['Assumptions:', '', ...assumptions, ''] : []),
  ].join('\n');
}

/**
 * The structured sections of a review after its findings: the Architect's cost estimate, design
 * options and over-engineering check, and the Security Engineer's compliance coverage table. Empty
 * sections are left out, so a review without them renders as before.
 */
export function renderReviewSections(review: ReviewResult): string {
  const sections: string[] = [];
  if (review.costEstimate) sections.push(costSection(review.costEstimate));
  if (review.designOptions.length)
    sections.push(
      [
        '## Design options',
        '',
        ...review.designOptions.map(
          (option) =>
            `- **${option.name}**${option.chosen ? ' (chosen)' : ''}: ${option.summary} Trade-offs: ${option.tradeoffs}`,
        ),
        '',
      ].join('\n'),
    );
  if (review.overEngineering.length)
    sections.push(
      [
        '## Over-engineering check',
        '',
        ...review.overEngineering.map(
          (entry) => `- ${entry.item}: ${entry.reason} Simpler: ${entry.simpler}`,
        ),
        '',
      ].join('\n'),
    );
  if (review.complianceCoverage.length)
    sections.push(
      [
        '## Compliance coverage',
        '',
        '| framework | control | status | evidence |',
        '| --- | --- | --- | --- |',
        ...review.complianceCoverage.map(
          (row) =>
            `| ${cell(row.framework)} | ${cell(row.control)} | ${row.status} | ${cell(row.evidence)} |`,
        ),
        '',
      ].join('\n'),
    );
  return sections.map((section) => `\n${section}`).join('');
}

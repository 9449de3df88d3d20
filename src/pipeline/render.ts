import { renderReviewSections } from './render-review-sections.js';
import type { GateResult } from '../gate/types.js';
import type { Persona } from '../personas/schema.js';
import type { ReviewResult, Task } from './output-schemas.js';

/** review-<id>.md from the structured review. */
export function renderReview(persona: Persona, review: ReviewResult): string {
  const findings = review.findings.length
    ? review.findings
        .map(
          (finding) =>
            `### ${finding.id} [${finding.severity}] ${finding.title}\n\n${finding.detail}\n\n**Recommendation:** ${finding.recommendation}` +
            (finding.controls.length ? `\n\n**Controls:** ${finding.controls.join(', ')}` : ''),
        )
        .join('\n\n')
    : 'No findings.';
  return `# ${persona.title} review\n\n**Verdict:** ${review.verdict}\n\n${review.summary}\n\n## Findings\n\n${findings}\n${renderReviewSections(review)}`;
}

/** One task line of tasks.md; analyze reads it back with `parseTasks`. */
export const renderTask = (task: Task): string =>
  `- [ ] ${task.id}: ${task.title} (requirements: ${task.requirements.join(', ') || 'none'}; files: ${task.files.join(', ') || 'none'})`;

/** tasks.md from the plan's tasks. */
export const renderTasks = (tasks: Task[]): string => `# Tasks\n\n${tasks.map(renderTask).join('\n')}\n`;

/** One question and answer block of qa.md. */
export function renderAnswer(
  number: number,
  question: { key: string; text: string; options: string[] },
  answer: string,
): string {
  const options = question.options.length ? `\nOptions: ${question.options.join(' | ')}\n` : '';
  return `## Q${number} (${question.key})\n\n${question.text}\n${options}\n**Answer:** ${answer}\n`;
}

/** gate-report.md: every gate's status, summary and the tools' own output verbatim. */
export function renderGateReport(results: GateResult[], at: Date): string {
  const sections = results.map((result) => {
    const lines = [`## ${result.gate}: ${result.status}`, '', result.summary];
    if (result.ran?.length) lines.push('', `Ran: ${result.ran.join(', ')}`);
    if (result.installHint) lines.push('', `Install: \`${result.installHint}\``);
    if (result.findings?.length) {
      lines.push(
        '',
        ...result.findings.map(
          (finding) =>
            `- [${finding.severity}] ${finding.ruleId} ${finding.location.file}:${finding.location.line} ${finding.message}`,
        ),
      );
    }
    if (result.output) lines.push('', '```text', result.output.trimEnd(), '```');
    return lines.join('\n');
  });
  return `# Gate report\n\nRun at ${at.toISOString()}.\n\n${sections.join('\n\n')}\n`;
}

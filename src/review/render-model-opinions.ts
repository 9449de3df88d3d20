import type { Style } from '../cli/io.js';
import type { ModelOpinion } from './model-opinions.js';

/** The heading of the model section: printed apart from, and after, the deterministic report. */
export const MODEL_OPINIONS_HEADING = 'Model opinions (not deterministic; advisory)';

type Colours = Pick<Style, 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan'>;

const plain: Colours = {
  bold: (text) => text,
  dim: (text) => text,
  red: (text) => text,
  yellow: (text) => text,
  green: (text) => text,
  cyan: (text) => text,
};

/** The model section: each persona's verdict, summary and severity-tagged findings; never part of the score. */
export function renderModelOpinions(
  opinions: ModelOpinion[],
  notes: string[],
  style: Colours = plain,
): string {
  const lines = [
    style.bold(MODEL_OPINIONS_HEADING),
    style.dim('  These do not change the score or the exit code.'),
  ];
  for (const note of notes) lines.push(style.dim(`  note: ${note}`));
  for (const opinion of opinions) {
    lines.push('');
    if (!opinion.review) {
      lines.push(
        `  ${style.bold(opinion.title)}: ${style.yellow(`unavailable (${opinion.error ?? 'no answer'})`)}`,
      );
      continue;
    }
    const { verdict, summary, findings } = opinion.review;
    const colour = verdict === 'APPROVE' ? style.green : verdict === 'REJECT' ? style.red : style.yellow;
    lines.push(`  ${style.bold(opinion.title)}: ${colour(verdict)}`);
    if (summary.trim()) lines.push(`    ${summary.trim()}`);
    for (const finding of findings) {
      lines.push(`    [${finding.severity.toUpperCase()}] ${style.bold(finding.id)} ${finding.title}`);
      if (finding.detail.trim()) lines.push(`        ${finding.detail.trim()}`);
      if (finding.recommendation.trim())
        lines.push(`        recommendation: ${finding.recommendation.trim()}`);
      if (finding.controls.length) lines.push(style.dim(`        controls: ${finding.controls.join(', ')}`));
    }
    if (findings.length === 0) lines.push(style.dim('    no findings'));
  }
  return lines.join('\n');
}

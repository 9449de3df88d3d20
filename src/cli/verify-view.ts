import type { Finding } from '../findings/finding.js';
import type { Style } from './io.js';

/** Renders verify findings for the terminal: `file:line  error  RULE  type "name"`, then message and hint. */
export function renderVerifyFindings(
  findings: Finding[],
  summary: string,
  style: Style,
  isError: (finding: Finding) => boolean,
): string {
  const lines: string[] = [];
  for (const finding of findings) {
    const level = isError(finding) ? style.red('error') : style.yellow('warning');
    const what = [finding.resourceType, finding.resourceName ? `"${finding.resourceName}"` : '']
      .filter(Boolean)
      .join(' ');
    lines.push(
      `${style.bold(`${finding.location.file}:${finding.location.line}`)}  ${level}  ${style.dim(finding.ruleId)}  ${what}`,
    );
    lines.push(`  ${finding.message}`);
    if (finding.suggestion) lines.push(`  ${style.cyan(finding.suggestion)}`);
    if (finding.fix && !finding.suggestion) lines.push(`  ${style.dim(`fix: ${finding.fix}`)}`);
  }
  lines.push(findings.some(isError) ? style.red(summary) : style.green(summary));
  return lines.join('\n');
}

import type { Style } from '../cli/io.js';
import { SEVERITIES } from '../findings/finding.js';
import type { ReviewResult } from './run-review.js';

const plain: Pick<Style, 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan'> = {
  bold: (text) => text,
  dim: (text) => text,
  red: (text) => text,
  yellow: (text) => text,
  green: (text) => text,
  cyan: (text) => text,
};

/** The human report: findings grouped by severity (file:line, rule, resource, message, controls, fix), then checks and score. */
export function renderReview(
  result: ReviewResult,
  style: Pick<Style, 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan'> = plain,
): string {
  const lines: string[] = [];
  const environment = result.environment;
  lines.push(
    style.bold(`infrakit review ${result.target}`) +
      style.dim(
        ` (${result.files.length} file(s), environment ${environment.environment.name}: ${environment.reason})`,
      ),
  );
  for (const severity of SEVERITIES) {
    const group = result.findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    const colour =
      severity === 'critical' || severity === 'high'
        ? style.red
        : severity === 'medium'
          ? style.yellow
          : style.dim;
    lines.push('', colour(style.bold(`${severity.toUpperCase()} (${group.length})`)));
    for (const finding of group) {
      const where = `${finding.location.file}:${finding.location.line}`;
      const source = finding.source === 'policy' || finding.source === 'verify' ? '' : ` [${finding.source}]`;
      lines.push(
        `  ${style.cyan(where)}  ${style.bold(finding.ruleId)}${source}  ${finding.resourceName ?? ''}`.trimEnd(),
      );
      lines.push(`      ${finding.message}`);
      if (finding.controls?.length) lines.push(style.dim(`      controls: ${finding.controls.join(', ')}`));
      if (finding.suggestion) lines.push(`      ${finding.suggestion}`);
      if (finding.fix) lines.push(`      fix: ${finding.fix}`);
    }
  }
  if (result.findings.length === 0) lines.push('', style.green('No findings.'));
  lines.push('', style.bold('Checks'));
  for (const check of result.checks) {
    const status =
      check.status === 'ran'
        ? style.green('ran')
        : check.status === 'unavailable'
          ? style.yellow('UNAVAILABLE')
          : check.status === 'skipped'
            ? style.dim('skipped')
            : style.red('FAILED');
    lines.push(
      `  ${check.name.padEnd(9)} ${status}${check.version ? ` ${check.version}` : ''}  ${check.findings} finding(s)${check.detail ? style.dim(`  ${check.detail.split('\n')[0]}`) : ''}`,
    );
  }
  const counts = result.score.counts;
  lines.push(
    '',
    `${style.bold(`Score ${result.score.value}/100`)}  (critical ${counts.critical}, high ${counts.high}, medium ${counts.medium}, low ${counts.low}, info ${counts.info})`,
  );
  lines.push(style.dim(`  ${result.score.formula}`));
  return lines.join('\n');
}

import type { CheckStatus, DoctorReport } from '../doctor/check.js';
import type { Style } from './io.js';

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', missing: '✗', error: '✗' };

/** The doctor's report as terminal text: one line per check, fixes indented under it. */
export function renderDoctorReport(report: DoctorReport, style: Style): string {
  const paint = (status: CheckStatus, text: string) =>
    status === 'ok' ? style.green(text) : status === 'warn' ? style.yellow(text) : style.red(text);
  const width = Math.max(...report.checks.map((check) => check.title.length));
  const lines = [
    style.bold(
      `infrakit doctor${report.projectRoot ? ` — ${report.projectRoot}` : ''}${report.iac ? ` (${report.iac})` : ''}`,
    ),
  ];
  for (const check of report.checks) {
    const needed = check.required && check.status !== 'ok' ? style.bold(' [required]') : '';
    lines.push(
      `  ${paint(check.status, MARK[check.status])} ${check.title.padEnd(width)}  ${check.detail}${needed}`,
    );
    for (const problem of check.problems ?? []) lines.push(`      ${problem}`);
    if (check.fix) {
      const [first, ...rest] = check.fix.split('\n');
      lines.push(
        `      ${style.dim('fix:')} ${first}`,
        ...rest.map((line) => `      ${style.dim('or:')}  ${line}`),
      );
    }
  }
  lines.push('', paint(report.exitCode === 0 ? 'ok' : 'error', report.summary));
  return lines.join('\n');
}

import { SEVERITIES, type Finding } from '../findings/finding.js';

/** Most lines sent to a reviewer persona; the rest is summarised in one line. */
const DEFAULT_LIMIT = 60;

/**
 * The deterministic findings as a compact list for the Architect and Security personas, so they
 * spend their attention on what code cannot judge. One line each, most severe first:
 * `HIGH IK-PUB-001 Bucket (main.yaml:12): message`.
 */
export function deterministicFindingsForReview(
  findings: Finding[],
  options: { limit?: number } = {},
): string {
  if (findings.length === 0)
    return 'Deterministic checks (policy and field verification) found nothing. Do not repeat them; judge what code cannot.';
  const ordered = [...findings].sort(
    (left, right) => SEVERITIES.indexOf(left.severity) - SEVERITIES.indexOf(right.severity),
  );
  const limit = options.limit ?? DEFAULT_LIMIT;
  const lines = ordered.slice(0, limit).map((finding) => {
    const where = `${finding.location.file}:${finding.location.line}`;
    const subject = finding.resourceName ? `${finding.resourceName} (${where})` : where;
    return `- ${finding.severity.toUpperCase()} ${finding.ruleId} ${subject}: ${finding.message}`;
  });
  if (ordered.length > limit) lines.push(`- … and ${ordered.length - limit} more of lower or equal severity`);
  return [
    `Deterministic checks already found these ${findings.length} problem(s); they will be fixed or gated in code. Do not repeat them; judge what code cannot (architecture, cost, threat model, fitness for the environment).`,
    ...lines,
  ].join('\n');
}

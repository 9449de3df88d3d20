import { SEVERITIES, type Finding, type Severity } from '../findings/finding.js';

/** Counts of findings by severity, every severity present. */
export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** One line per finding, most severe first: `high file:12 IK-FIELD-UNKNOWN spec.x: message (fix)`. */
export function findingsText(findings: Finding[], limit = 50): string {
  const ordered = [...findings].sort(
    (left, right) => SEVERITIES.indexOf(left.severity) - SEVERITIES.indexOf(right.severity),
  );
  const lines = ordered.slice(0, limit).map((finding) => {
    const where = `${finding.location.file}:${finding.location.line}`;
    const field =
      finding.fieldPath && !finding.message.startsWith(finding.fieldPath) ? ` ${finding.fieldPath}:` : '';
    const advice = [finding.suggestion, finding.fix].filter(Boolean).join('; ');
    return `- ${finding.severity} ${where} ${finding.ruleId}${field} ${finding.message}${advice ? ` (${advice})` : ''}`;
  });
  if (ordered.length > limit)
    lines.push(`- ... and ${ordered.length - limit} more (see structuredContent.findings)`);
  return lines.join('\n');
}

/** A one-line count such as `3 findings: 1 high, 2 low` or `no findings`. */
export function findingsSummary(findings: Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map(
    (severity) => `${counts[severity]} ${severity}`,
  );
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

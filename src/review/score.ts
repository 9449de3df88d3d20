import type { Finding, Severity } from '../findings/finding.js';

/** Points each finding takes off the score. */
export const SCORE_WEIGHTS: Record<Severity, number> = { critical: 25, high: 10, medium: 4, low: 1, info: 0 };

/** The formula, as printed under the score and documented in docs/policy.md. */
export const SCORE_FORMULA = 'score = max(0, 100 - 25*critical - 10*high - 4*medium - 1*low)';

/** The review score (0-100) and the counts it came from. */
export interface ReviewScore {
  value: number;
  formula: string;
  counts: Record<Severity, number>;
}

/** Scores findings with SCORE_FORMULA. */
export function scoreFindings(findings: Finding[]): ReviewScore {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  const penalty = (Object.keys(counts) as Severity[]).reduce(
    (total, severity) => total + counts[severity] * SCORE_WEIGHTS[severity],
    0,
  );
  return { value: Math.max(0, 100 - penalty), formula: SCORE_FORMULA, counts };
}

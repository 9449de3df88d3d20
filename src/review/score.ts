import type { Finding, Severity } from '../findings/finding.js';

/** Points each finding takes off the score. */
export const SCORE_WEIGHTS: Record<Severity, number> = { critical: 25, high: 10, medium: 4, low: 1, info: 0 };

/** What further findings of a rule already counted weigh, and the cap of one rule as a multiple of its worst finding. */
const REPEAT_FACTOR = 0.25;
const RULE_CAP = 2;

/** The formula, as printed under the score and documented in docs/policy.md. */
export const SCORE_FORMULA =
  'score = max(0, 100 - sum over rules of min(2*worst, worst + rest/4)); weights critical 25, high 10, medium 4, low 1';

/** The review score (0-100) and the counts it came from. */
export interface ReviewScore {
  value: number;
  formula: string;
  counts: Record<Severity, number>;
}

/**
 * Scores findings with SCORE_FORMULA. Findings are grouped by rule: a rule's worst finding takes off
 * its full weight, each further one a quarter of its weight, and one rule never more than twice its
 * worst weight, so one standard broken on fifty resources (a missing tag) cannot zero the score on
 * its own, while different problems still add up.
 */
export function scoreFindings(findings: Finding[]): ReviewScore {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const byRule = new Map<string, number[]>();
  for (const finding of findings) {
    counts[finding.severity] += 1;
    byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), SCORE_WEIGHTS[finding.severity]]);
  }
  let penalty = 0;
  for (const weights of byRule.values()) {
    const [worst, ...rest] = weights.sort((left, right) => right - left);
    const further = rest.reduce((total, weight) => total + weight * REPEAT_FACTOR, 0);
    penalty += Math.min(RULE_CAP * worst, worst + further);
  }
  return { value: Math.max(0, Math.round(100 - penalty)), formula: SCORE_FORMULA, counts };
}

import { SEVERITIES } from '../findings/finding.js';
import type { CaseResult, Subject, SubjectSummary } from './eval-types.js';
import { allInputTokens } from './usage-meter.js';

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Adds up one approach's results over every case and run. */
export function summarizeSubject(cases: readonly CaseResult[], subject: Subject): SubjectSummary {
  const results = cases.map((entry) => entry[subject]);
  const count = (predicate: (result: (typeof results)[number]) => boolean) =>
    results.filter(predicate).length;
  const sum = (pick: (result: (typeof results)[number]) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  const policyFindings = Object.fromEntries(
    SEVERITIES.map((severity) => [severity, sum((result) => result.score.policyFindings[severity])]),
  );
  const costs = results.map((result) => result.tokens.costUsd);
  const tokens = {
    calls: sum((result) => result.tokens.calls),
    inputTokens: sum((result) => result.tokens.inputTokens),
    outputTokens: sum((result) => result.tokens.outputTokens),
    cacheReadTokens: sum((result) => result.tokens.cacheReadTokens),
    cacheWriteTokens: sum((result) => result.tokens.cacheWriteTokens),
    costUsd:
      costs.length > 0 && costs.every((cost) => cost !== undefined)
        ? costs.reduce((total: number, cost) => total + (cost ?? 0), 0)
        : undefined,
  };
  const passed = count((result) => result.score.passed);
  const ownChecksPassed = count((result) => result.score.ownChecksPassed);
  return {
    subject,
    results: results.length,
    passed,
    passRate: results.length ? passed / results.length : 0,
    ownChecksPassed,
    ownChecksPassRate: results.length ? ownChecksPassed / results.length : 0,
    fieldErrors: sum((result) => result.score.fieldErrors),
    policyFindings,
    missingTags: sum((result) => result.score.missingTags ?? 0),
    validator: {
      passed: count((result) => result.score.validator === 'passed'),
      failed: count((result) => result.score.validator === 'failed'),
      unavailable: count((result) => result.score.validator === 'unavailable'),
    },
    tokens,
    inputTokensPerCase: results.length ? allInputTokens(tokens) / results.length : 0,
    wallMsTotal: sum((result) => result.wallMs),
    wallMsMedian: median(results.map((result) => result.wallMs)),
    errors: count((result) => result.error !== undefined),
  };
}

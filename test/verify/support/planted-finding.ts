import { expect } from 'vitest';
import type { Finding } from '../../../src/findings/finding.js';

/** One defect a fixture plants: its line, the rule that must report it, where, and the suggestion if any. */
export interface PlantedDefect {
  line: number;
  ruleId: string;
  fieldPath: string | undefined;
  suggestion: string | undefined;
}

/**
 * Asserts that a planted defect is reported at its line by its rule, with its field path and
 * suggestion (when one is expected), and returns the finding for further checks.
 */
export function expectPlantedFinding(result: { findings: Finding[] }, planted: PlantedDefect): Finding {
  const finding = result.findings.find(
    (candidate) => candidate.location.line === planted.line && candidate.ruleId === planted.ruleId,
  );
  expect(
    finding,
    JSON.stringify(result.findings.map((candidate) => [candidate.location.line, candidate.ruleId])),
  ).toBeDefined();
  expect(finding?.fieldPath).toBe(planted.fieldPath);
  if (planted.suggestion) expect(finding?.suggestion).toBe(planted.suggestion);
  return finding!;
}

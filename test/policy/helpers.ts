import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConstraints, type Constraints } from '../../src/constraints/load.js';
import { parseText } from '../../src/iac/parse.js';
import type { ParsedSource } from '../../src/iac/resource-model.js';
import { runPolicy } from '../../src/policy/engine.js';
import { planFixes } from '../../src/review/fix/plan-fixes.js';

/** The policy test project (constraints with dev, staging and prod baselines). */
export const POLICY_PROJECT = join(import.meta.dirname, '..', 'fixtures', 'policy', 'project');

/** Loads the test project's constraints, optionally with the coding style's iac replaced. */
export async function testConstraints(
  overrides: Partial<Pick<Constraints['codingStyle'], 'iac'>> = {},
): Promise<Constraints> {
  const constraints = await loadConstraints(POLICY_PROJECT);
  return { ...constraints, codingStyle: { ...constraints.codingStyle, ...overrides } };
}

/** A path under ../shared/realworld (real public IaC; read in tests, never copied), and whether it exists. */
export function realworld(...segments: string[]): { path: string; present: boolean } {
  const path = join(import.meta.dirname, '..', '..', '..', 'shared', 'realworld', ...segments);
  const present = existsSync(path);
  if (!present) console.warn(`skipped: ${path} is absent (real public IaC in ../shared/realworld)`);
  return { path, present };
}

/** Parses a source text with the real parser, under a file name that tells its tool. */
export async function parse(text: string, fileName: string): Promise<ParsedSource> {
  return parseText(text, fileName);
}

const findingKey = (finding: { ruleId: string; resourceName?: string; fieldPath?: string }) =>
  `${finding.ruleId} ${finding.resourceName} ${finding.fieldPath}`;

/**
 * Runs the policy (prod), applies every `--fix` it plans (one patch expected), parses the fixed text
 * and runs the policy again: the findings before and after, as `rule resource field` keys.
 */
export async function fixRoundTrip(text: string, file: string) {
  const constraints = await testConstraints();
  const parsed = await parse(text, file);
  expect(parsed.errors).toEqual([]);
  const before = runPolicy(parsed, constraints, { environment: 'prod' });
  const plan = planFixes(before, parsed, new Map([[file, text]]));
  expect(plan.patches).toHaveLength(1);
  const after = plan.patches[0].after;
  const reparsed = await parse(after, file);
  expect(reparsed.errors).toEqual([]);
  const again = runPolicy(reparsed, constraints, { environment: 'prod' });
  return { before: before.findings.map(findingKey), again: again.findings.map(findingKey), after, plan };
}

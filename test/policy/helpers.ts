import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConstraints, type Constraints } from '../../src/constraints/load.js';
import { parseText } from '../../src/iac/parse.js';
import type { ParsedSource } from '../../src/iac/resource-model.js';

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

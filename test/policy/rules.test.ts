import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { POLICY_RULES } from '../../src/policy/rules/index.js';
import { parse, testConstraints } from './helpers.js';
import { fileNameOf, RULE_CASES } from './rule-cases.js';

describe('each rule has a failing and a passing fixture per tool', () => {
  it.each(RULE_CASES.map((ruleCase) => [ruleCase.rule, ruleCase.tool, ruleCase] as const))(
    '%s on %s',
    async (_rule, _tool, ruleCase) => {
      const constraints = await testConstraints();
      const failing = await parse(ruleCase.fail, ruleCase.fileName ?? fileNameOf(ruleCase.tool));
      const passing = await parse(ruleCase.pass, ruleCase.fileName ?? fileNameOf(ruleCase.tool));
      expect(failing.errors).toEqual([]);
      expect(passing.errors).toEqual([]);
      const failed = runPolicy(failing, constraints, { environment: 'prod' }).findings.filter(
        (finding) => finding.ruleId === ruleCase.rule,
      );
      const passed = runPolicy(passing, constraints, { environment: 'prod' }).findings.filter(
        (finding) => finding.ruleId === ruleCase.rule,
      );
      expect(
        failed.length,
        `expected ${ruleCase.rule} on the failing ${ruleCase.tool} fixture`,
      ).toBeGreaterThan(0);
      expect(passed.map((finding) => finding.message)).toEqual([]);
      for (const finding of failed) {
        expect(finding.location.line).toBeGreaterThan(0);
        expect(finding.controls?.length).toBeGreaterThan(0);
        expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      }
    },
  );

  it('every rule has at least one case', () => {
    const covered = new Set(RULE_CASES.map((ruleCase) => ruleCase.rule));
    expect(POLICY_RULES.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/gate/types.js';
import type { Finding } from '../../src/findings/finding.js';
import { scoreFromResults, scoreOutput } from '../../src/eval/score.js';

const finding = (ruleId: string, severity: Finding['severity']): Finding => ({
  ruleId,
  severity,
  message: ruleId,
  location: { file: 'main.tf', line: 1 },
  source: 'policy',
});
const result = (
  gate: GateResult['gate'],
  status: GateResult['status'],
  findings: Finding[] = [],
): GateResult => ({ gate, status, summary: status, findings });

describe('eval scoring', () => {
  it('passes only when every gate passed', () => {
    const score = scoreFromResults(
      2,
      result('verify', 'passed'),
      result('policy', 'passed'),
      result('validator', 'passed'),
    );
    expect(score.passed).toBe(true);
    expect(score.ownChecksPassed).toBe(true);
  });

  it('never counts an unavailable validator as a pass', () => {
    const score = scoreFromResults(
      2,
      result('verify', 'passed'),
      result('policy', 'passed'),
      result('validator', 'unavailable'),
    );
    expect(score.passed).toBe(false);
    expect(score.ownChecksPassed).toBe(true);
    expect(score.validator).toBe('unavailable');
  });

  it('counts policy findings by severity and mandatory-tag findings separately', () => {
    const policy = result('policy', 'failed', [
      finding('IK-TAG-001', 'high'),
      finding('IK-TAG-001', 'info'),
      finding('IK-DEL-001', 'high'),
      finding('IK-NAME-001', 'low'),
    ]);
    const score = scoreFromResults(
      1,
      result('verify', 'passed', [finding('IK-FIELD-UNKNOWN', 'high'), finding('IK-ENUM', 'low')]),
      policy,
      result('validator', 'passed'),
    );
    expect(score.policyFindings).toMatchObject({ critical: 0, high: 2, low: 1, info: 1 });
    expect(score.missingTags).toBe(1);
    expect(score.fieldErrors).toBe(1);
    expect(score.passed).toBe(false);
    expect(score.findings.map((entry) => entry.ruleId)).toContain('IK-DEL-001');
  });

  it('fails an output with no files without running the gates', async () => {
    let ran = 0;
    const gate = async (): Promise<GateResult> => {
      ran += 1;
      return result('verify', 'passed');
    };
    const score = await scoreOutput(
      { projectRoot: '/nowhere', tool: 'terraform', files: [], constraints: {} as never },
      { verify: gate, policy: gate, validator: gate },
    );
    expect(ran).toBe(0);
    expect(score.passed).toBe(false);
    expect(score.files).toBe(0);
  });

  it('turns a gate that throws into a failure', async () => {
    const passing = async (): Promise<GateResult> => result('policy', 'passed');
    const throwing = async (): Promise<GateResult> => {
      throw new Error('boom');
    };
    const score = await scoreOutput(
      { projectRoot: '/nowhere', tool: 'terraform', files: ['a.tf'], constraints: {} as never },
      { verify: throwing, policy: passing, validator: passing },
    );
    expect(score.verify).toBe('failed');
    expect(score.summaries[0]).toContain('boom');
  });
});

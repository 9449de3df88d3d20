import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { planFixes } from '../../src/review/fix/plan-fixes.js';
import { parse, testConstraints } from '../policy/helpers.js';

const fixture = (name: string) =>
  readFile(join(import.meta.dirname, '..', 'fixtures', 'policy', 'fix', name), 'utf8');

/** Lines removed by the fix (each must be a line the fix meant to change). */
const removedLines = (before: string, after: string): string[] =>
  diffLines(before, after)
    .filter((part) => part.removed)
    .flatMap((part) => part.value.split('\n').filter((line) => line !== ''));

describe('review --fix round trip', () => {
  it('CloudFormation: adds sourced tags, turns the public access block on, sets deletion policies; nothing else changes', async () => {
    const constraints = await testConstraints();
    const before = await fixture('fixable.cfn.yaml');
    const parsed = await parse(before, 'fixable.cfn.yaml');
    const policy = runPolicy(parsed, constraints);
    const fixedRules = ['IK-TAG-001', 'IK-PUB-001', 'IK-DEL-001', 'IK-VER-001'];
    for (const rule of fixedRules)
      expect(
        policy.findings.some((finding) => finding.ruleId === rule),
        rule,
      ).toBe(true);
    const plan = planFixes(policy, parsed, new Map([['fixable.cfn.yaml', before]]));
    expect(plan.patches).toHaveLength(1);
    const after = plan.patches[0].after;
    // the fixed file passes the rules that were fixed
    const again = runPolicy(await parse(after, 'fixable.cfn.yaml'), constraints);
    expect(
      again.findings
        .filter((finding) => fixedRules.includes(finding.ruleId))
        .map((finding) => finding.message),
    ).toEqual([]);
    // nothing else changed: the only removed line is the flag that was flipped; comments survive
    expect(removedLines(before, after)).toEqual(['        BlockPublicAcls: false # was off by mistake']);
    expect(after).toContain('BlockPublicAcls: true # was off by mistake');
    expect(after).toContain('# The reports bucket');
    expect(after).toContain('Description: A bucket with fixable policy findings. # keep this comment');
    expect(after).toContain('Value: !Ref environment');
    expect(after).toContain('DeletionPolicy: Retain');
    expect(after).toContain('UpdateReplacePolicy: Retain');
    expect(after).toContain('Value: !GetAtt ReportsBucket.Arn');
  });

  it('Terraform: flips booleans on their own lines and adds sourced tags; nothing else changes', async () => {
    const constraints = await testConstraints();
    const before = await fixture('fixable.tf');
    const parsed = await parse(before, 'fixable.tf');
    const policy = runPolicy(parsed, constraints);
    const plan = planFixes(policy, parsed, new Map([['fixable.tf', before]]));
    expect(plan.patches).toHaveLength(1);
    const after = plan.patches[0].after;
    const again = runPolicy(await parse(after, 'fixable.tf'), constraints);
    const fixedRules = ['IK-PUB-002', 'IK-HA-001', 'IK-TAG-001'];
    expect(
      again.findings
        .filter((finding) => fixedRules.includes(finding.ruleId))
        .map((finding) => finding.message),
    ).toEqual([]);
    expect(removedLines(before, after).sort()).toEqual(
      ['  multi_az            = false', '  publicly_accessible = true # should be private'].sort(),
    );
    expect(after).toContain('  publicly_accessible = false # should be private');
    expect(after).toContain('    environment = var.environment');
    expect(after).toContain('    managed-by = "infrakit"');
  });

  it('reports fixes it cannot make instead of guessing', async () => {
    const constraints = await testConstraints();
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n";
    const parsed = await parse(text, 't.yaml');
    const plan = planFixes(runPolicy(parsed, constraints), parsed, new Map([['t.yaml', text]]));
    // a tag sourced from an undeclared parameter: the parameter is declared, then referenced
    expect(plan.skipped).toEqual([]);
    expect(plan.patches[0].after).toContain('Key: managed-by');
    expect(plan.patches[0].after).toContain('Parameters:\n  team:\n    Type: String');
    // a plain Crossplane manifest has no parameter to source a tag from: reported, not guessed
    const manifest =
      'apiVersion: ec2.aws.upbound.io/v1beta1\nkind: VPC\nmetadata:\n  name: prod-payments-vpc\nspec:\n  forProvider:\n    region: us-east-1\n    cidrBlock: 10.0.0.0/16\n';
    const plain = await parse(manifest, 'vpc.yaml');
    const skipped = planFixes(
      runPolicy(plain, constraints),
      plain,
      new Map([['vpc.yaml', manifest]]),
    ).skipped;
    expect(skipped.some((reason) => reason.includes('no parameter to reference'))).toBe(true);
  });
});

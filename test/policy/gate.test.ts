import { describe, expect, it } from 'vitest';
import { createPolicyGate } from '../../src/policy/gate.js';
import { exceptionFor, parseAcceptedExceptions } from '../../src/policy/exceptions.js';
import { parsePersonExceptions } from '../../src/policy/person-exceptions.js';
import { deterministicFindingsForReview } from '../../src/policy/reviewer-digest.js';
import { findingFingerprint } from '../../src/policy/fingerprint.js';
import type { Finding } from '../../src/findings/finding.js';
import { parse, testConstraints } from './helpers.js';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Environment:
    Type: String
    AllowedValues: [dev]
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: true
      MultiAZ: false
      PubliclyAccessible: true
`;

/** Runs the policy gate on the template, with the spec's accepted exceptions, in `environment` (else the template's). */
const gateOnTemplate = async (options: { spec?: string; environment?: string; exceptions?: string } = {}) =>
  createPolicyGate({
    parse: () => parse(template, 'template.yaml'),
    readSpec: async () => options.spec,
    readExceptions: async () => parsePersonExceptions(options.exceptions ?? ''),
    now: () => new Date('2026-12-01T00:00:00Z'),
  })({
    projectRoot: '/x',
    tool: 'cloudformation',
    files: ['template.yaml'],
    constraints: await testConstraints(),
    ...(options.environment ? { environment: options.environment } : {}),
  });

describe('accepted exceptions', () => {
  it('parses entries under the heading and reports malformed lines', () => {
    const spec =
      '# Spec\n\n## Accepted exceptions\n- IK-PUB-002 Orders: the reporting VPN reaches it by public IP until 2026-03\n- IK-HA-001 *: single-AZ accepted for the pilot\n- nonsense line\n- IK-DEL-001 Orders:\n\n## Next\n- IK-TAG-001 X: outside the section\n';
    const parsed = parseAcceptedExceptions(spec);
    expect(parsed.exceptions.map((exception) => `${exception.ruleId} ${exception.resource}`)).toEqual([
      'IK-PUB-002 Orders',
      'IK-HA-001 *',
    ]);
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.problems[1]).toContain('gives no reason');
    const finding = { ruleId: 'IK-HA-001', resourceName: 'Anything' } as Finding;
    expect(exceptionFor(finding, parsed.exceptions)?.reason).toContain('pilot');
  });
});

describe('policy gate', () => {
  it('fails on a HIGH in the target environment', async () => {
    const result = await gateOnTemplate({ environment: 'prod' });
    expect(result.status).toBe('failed');
    expect(result.summary).toContain('policy failed in prod');
    expect(
      result.findings?.some((finding) => finding.ruleId === 'IK-PUB-002' && finding.severity === 'high'),
    ).toBe(true);
  });

  it('a model-written spec cannot waive anything: its exceptions are proposals', async () => {
    const spec =
      '## Accepted exceptions\n- IK-PUB-002 Orders: reached over the partner VPN\n- IK-HA-001 Orders: pilot, single AZ\n- IK-ENC-002 Orders: AWS managed key for the pilot\n- IK-DEL-001 Orders: disposable\n- IK-BAK-001 Orders: disposable\n';
    const result = await gateOnTemplate({ spec, environment: 'prod' });
    expect(result.status).toBe('failed');
    expect(result.summary).toContain('5 proposed in the spec, not applied');
    expect(result.output).toContain(
      'proposed exception (spec.md:2, not applied: only a person can accept it, in .infrakit/exceptions.yaml): IK-PUB-002 Orders: reached over the partner VPN',
    );
  });

  it('passes when a named person accepted every HIGH in .infrakit/exceptions.yaml, and records who', async () => {
    const rules = ['IK-PUB-002', 'IK-HA-001', 'IK-ENC-002', 'IK-DEL-001', 'IK-BAK-001'];
    const text = `exceptions:\n${rules
      .map(
        (rule) =>
          `  - rule: ${rule}\n    resource: Orders\n    reason: reached over the partner VPN for the pilot\n    approvedBy: Jane Doe <jane@example.com>\n    expires: 2027-03-01\n`,
      )
      .join('')}`;
    const result = await gateOnTemplate({ environment: 'prod', exceptions: text });
    expect(result.status, result.output).toBe('passed');
    expect(result.summary).toContain('accepted by a person in .infrakit/exceptions.yaml');
    expect(result.output).toContain(
      'accepted exception: IK-PUB-002 Orders (high) accepted by Jane Doe <jane@example.com> until 2027-03-01: reached over the partner VPN for the pilot (.infrakit/exceptions.yaml, exceptions[0])',
    );
  });

  it('an expired exception, one for another environment, or one without a person accepts nothing', async () => {
    const entry = (extra: string) =>
      `  - rule: IK-PUB-002\n    resource: Orders\n    reason: reached over the partner VPN\n${extra}`;
    const text = `exceptions:\n${entry('    approvedBy: Jane Doe\n    expires: 2026-01-01\n')}${entry('    approvedBy: Jane Doe\n    environments: [dev]\n')}${entry('')}`;
    const result = await gateOnTemplate({ environment: 'prod', exceptions: text });
    expect(result.status).toBe('failed');
    expect(result.output).toContain(
      'exception not applied: IK-PUB-002 Orders by Jane Doe: expired on 2026-01-01',
    );
    expect(result.output).toContain('only for dev');
    expect(result.output).toContain('.infrakit/exceptions.yaml: exceptions[2].approvedBy:');
  });

  it('a MEDIUM does not block; the template environment (dev) lowers severities', async () => {
    const result = await gateOnTemplate();
    // dev forbids public access, so the public database still blocks there
    expect(result.status).toBe('failed');
    expect(result.findings?.find((finding) => finding.ruleId === 'IK-HA-001')?.severity).toBe('low');
  });

  it('fails, never passes, when there is nothing to check', async () => {
    const gate = createPolicyGate({
      parse: async () => ({ tool: 'terraform', files: [], resources: [], inputs: [], errors: [] }),
    });
    const result = await gate({
      projectRoot: '/x',
      tool: 'terraform',
      files: ['main.tf'],
      constraints: await testConstraints(),
    });
    expect(result.status).toBe('failed');
  });
});

describe('reviewer digest and fingerprints', () => {
  it('lists findings most severe first, one line each', () => {
    const findings: Finding[] = [
      {
        ruleId: 'IK-TAG-001',
        severity: 'medium',
        message: 'tag missing',
        location: { file: 'a.yaml', line: 3 },
        resourceName: 'Bucket',
        source: 'policy',
      },
      {
        ruleId: 'IK-SEC-001',
        severity: 'critical',
        message: 'literal password',
        location: { file: 'a.yaml', line: 9 },
        resourceName: 'Db',
        source: 'policy',
      },
    ];
    const text = deterministicFindingsForReview(findings);
    const lines = text.split('\n');
    expect(lines[1]).toBe('- CRITICAL IK-SEC-001 Db (a.yaml:9): literal password');
    expect(lines[2]).toContain('MEDIUM IK-TAG-001');
    expect(deterministicFindingsForReview([])).toContain('found nothing');
  });

  it('fingerprints ignore file and line but not the field', () => {
    const base = {
      ruleId: 'IK-ENC-001',
      resourceType: 'AWS::RDS::DBInstance',
      resourceName: 'Orders',
      fieldPath: 'Properties.StorageEncrypted',
    };
    expect(findingFingerprint(base)).toBe(findingFingerprint({ ...base }));
    expect(findingFingerprint(base)).not.toBe(
      findingFingerprint({ ...base, fieldPath: 'Properties.KmsKeyId' }),
    );
  });
});

describe('policyGate over generated files', () => {
  it('parses the files under projectRoot and fails on a public database in prod', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { policyGate } = await import('../../src/policy/gate.js');
    const root = await mkdtemp(join(tmpdir(), 'infrakit-policy-gate-'));
    try {
      await writeFile(join(root, 'template.yaml'), template);
      const result = await policyGate({
        projectRoot: root,
        tool: 'cloudformation',
        files: ['template.yaml'],
        constraints: await testConstraints(),
        environment: 'prod',
      });
      expect(result.gate).toBe('policy');
      expect(result.status).toBe('failed');
      expect(result.findings?.find((finding) => finding.ruleId === 'IK-PUB-002')?.location).toEqual({
        file: 'template.yaml',
        line: 12,
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

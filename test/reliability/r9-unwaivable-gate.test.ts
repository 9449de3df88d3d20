import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import type { GateResult } from '../../src/gate/types.js';
import { parseSources } from '../../src/iac/parse.js';
import { createPolicyGate } from '../../src/policy/gate.js';
import { readPersonExceptions } from '../../src/policy/person-exceptions.js';
import { createSandbox, type Sandbox } from './support/project.js';

const counts = { tried: 0, handled: 0 };
const handled = (safe: boolean) => {
  counts.tried += 1;
  if (safe) counts.handled += 1;
};

/** The probe's template: a public read-write bucket, SSH open to the world, a public database with a literal password, and cfn-lint told to ignore everything. */
const HOSTILE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Metadata:
  cfn-lint:
    config:
      ignore_checks: [E, W, I]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_20 # checkov:skip=CKV_AWS_20 public on purpose
    Properties:
      AccessControl: PublicReadWrite
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: true
      MasterUsername: admin
      MasterUserPassword: hunter2hunter2
`;

const RULES = [
  'IK-SEC-001',
  'IK-SUP-001',
  'IK-PUB-001',
  'IK-PUB-002',
  'IK-PUB-003',
  'IK-PUB-004',
  'IK-ENC-001',
  'IK-ENC-002',
  'IK-DEL-001',
  'IK-BAK-001',
  'IK-BAK-002',
  'IK-HA-001',
  'IK-VER-001',
  'IK-TAG-001',
  'IK-TAG-002',
  'IK-NAME-001',
  'IK-NAME-002',
];

/** A spec as a model would write it, accepting every rule for every resource. */
const MODEL_SPEC = `# Spec\n\n- R1: a bucket\n\n## Accepted exceptions\n${RULES.map((rule) => `- ${rule} *: accepted for the pilot, approved by the platform team`).join('\n')}\n`;

async function gateOn(sandbox: Sandbox, template: string, spec: string): Promise<GateResult> {
  mkdirSync(join(sandbox.root, 'templates', 'probe'), { recursive: true });
  writeFileSync(join(sandbox.root, 'templates', 'probe', 'template.yaml'), template);
  const track = join('.infrakit', 'tracks', 'probe-20261201-000000');
  mkdirSync(join(sandbox.root, track), { recursive: true });
  writeFileSync(join(sandbox.root, track, 'spec.md'), spec);
  const constraints = await loadConstraints(sandbox.root);
  // As the relay wires it (src/cli/relay-runtime.ts): the spec is read from the track folder.
  const gate = createPolicyGate({
    parse: (files, root) => parseSources(files, { root }),
    readSpec: async () => spec,
  });
  return gate({
    projectRoot: sandbox.root,
    tool: 'cloudformation',
    files: ['templates/probe/template.yaml'],
    constraints,
    environment: 'prod',
    trackDir: track,
  });
}

describe('R9: the gate cannot be waived by a model', () => {
  afterAll(() => console.log(`R9 unwaivable gate: ${counts.handled}/${counts.tried} handled safely`));

  it("a spec's 'Accepted exceptions' for every rule waives nothing: shown as proposals, the gate fails", async () => {
    const result = await gateOn(createSandbox(), HOSTILE_TEMPLATE, MODEL_SPEC);
    const safe = result.status === 'failed' && (result.output ?? '').includes('proposed exception');
    handled(safe);
    expect(result.status, result.output).toBe('failed');
    expect(result.output).toContain('proposed exception (spec.md:');
    expect(result.output).not.toContain('accepted exception:');
  });

  it('each high finding of the probe still blocks in prod', async () => {
    const result = await gateOn(createSandbox(), HOSTILE_TEMPLATE, MODEL_SPEC);
    const blocking = (result.findings ?? []).filter((finding) =>
      ['high', 'critical'].includes(finding.severity),
    );
    for (const rule of ['IK-PUB-001', 'IK-PUB-002', 'IK-PUB-003', 'IK-SEC-001']) {
      const found = blocking.some((finding) => finding.ruleId === rule);
      handled(found && result.status === 'failed');
      expect(found, `${rule} in ${JSON.stringify(blocking.map((finding) => finding.ruleId))}`).toBe(true);
    }
  });

  it('suppressions embedded in the code are findings that block in prod (cfn-lint ignore_checks, checkov:skip)', async () => {
    const result = await gateOn(createSandbox(), HOSTILE_TEMPLATE, '# Spec\n');
    const suppressions = (result.findings ?? []).filter((finding) => finding.ruleId === 'IK-SUP-001');
    const markers = suppressions.map((finding) => finding.message);
    handled(suppressions.length >= 2 && suppressions.every((finding) => finding.severity === 'high'));
    expect(markers.some((message) => message.includes('cfn-lint ignore_checks'))).toBe(true);
    expect(markers.some((message) => message.includes('checkov:skip'))).toBe(true);
    expect(suppressions.every((finding) => finding.severity === 'high')).toBe(true);
  });

  for (const [marker, line] of [
    ['tfsec:ignore', '# tfsec:ignore:aws-s3-enable-bucket-encryption'],
    ['trivy:ignore', '# trivy:ignore:AVD-AWS-0086'],
    ['kics-scan ignore', '# kics-scan ignore-line'],
    ['nosec', 'x = 1 # nosec'],
    ['crossplane.io/paused', '    crossplane.io/paused: "true"'],
  ] as const) {
    it(`a "${marker}" marker in generated code is a blocking finding in prod`, async () => {
      const template = HOSTILE_TEMPLATE.replace(/^Metadata:\n(.*\n){3}/m, '').replace(
        'Resources:\n',
        `Resources:\n  ${line.trim().startsWith('#') ? '' : '# '}${line.trim()}\n`,
      );
      const result = await gateOn(createSandbox(), template, '# Spec\n');
      const found = (result.findings ?? []).some(
        (finding) =>
          finding.ruleId === 'IK-SUP-001' &&
          finding.message.startsWith(marker) &&
          finding.severity === 'high',
      );
      handled(found);
      expect(found, JSON.stringify(result.findings?.map((finding) => finding.message))).toBe(true);
    });
  }

  it('a person accepts an exception only in .infrakit/exceptions.yaml, with a name and a reason, recorded in the gate report', async () => {
    const sandbox = createSandbox();
    const template = HOSTILE_TEMPLATE.replace(/^Metadata:\n(.*\n){3}/m, '')
      .replace(/ {4}Metadata:\n(.*\n){3}/, '')
      .replace('AccessControl: PublicReadWrite', 'AccessControl: Private');
    const first = await gateOn(sandbox, template, '# Spec\n');
    const blocking = (first.findings ?? []).filter((finding) =>
      ['high', 'critical'].includes(finding.severity),
    );
    writeFileSync(
      join(sandbox.root, '.infrakit', 'exceptions.yaml'),
      `exceptions:\n${blocking
        .map(
          (finding) =>
            `  - rule: ${finding.ruleId}\n    resource: ${finding.resourceName ?? '*'}\n    reason: accepted for the pilot behind the VPN\n    approvedBy: Jane Doe <jane@example.com>\n`,
        )
        .join('')}`,
    );
    const second = await gateOn(sandbox, template, '# Spec\n');
    const recorded = (second.output ?? '').includes('accepted by Jane Doe <jane@example.com>');
    handled(first.status === 'failed' && second.status === 'passed' && recorded);
    expect(first.status).toBe('failed');
    expect(second.status, second.output).toBe('passed');
    expect(recorded, second.output).toBe(true);
  });

  it('an exception without a named person, or expired, accepts nothing and names the field', async () => {
    const sandbox = createSandbox();
    writeFileSync(
      join(sandbox.root, '.infrakit', 'exceptions.yaml'),
      'exceptions:\n  - rule: IK-PUB-002\n    resource: Database\n    reason: accepted for the pilot\n  - rule: IK-PUB-002\n    resource: Database\n    reason: accepted for the pilot\n    approvedBy: Jane Doe\n    expires: 2020-01-01\n',
    );
    const parsed = await readPersonExceptions(sandbox.root);
    const result = await gateOn(sandbox, HOSTILE_TEMPLATE, '# Spec\n');
    const safe =
      result.status === 'failed' &&
      parsed.problems.some((problem) => problem.includes('exceptions[0].approvedBy')) &&
      (result.output ?? '').includes('expired on 2020-01-01');
    handled(safe);
    expect(parsed.problems.join('\n')).toContain('.infrakit/exceptions.yaml: exceptions[0].approvedBy');
    expect(result.output).toContain('expired on 2020-01-01');
    expect(result.status).toBe('failed');
  });
});

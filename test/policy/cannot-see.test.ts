import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, testConstraints } from './helpers.js';

describe('a value a rule cannot evaluate is its own finding kind', () => {
  it('an unbounded input in a bucket name is cannot-see, not a pass and not a violation', async () => {
    const parsed = await parse(
      'variable "team" {\n  type = string\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "${var.team}-invoices"\n}\n',
      'main.tf',
    );
    const findings = runPolicy(parsed, await testConstraints(), { environment: 'prod' }).findings.filter(
      (finding) => finding.ruleId === 'IK-LIMIT-001',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'cannot-see', severity: 'info' });
    expect(findings[0].message).toContain('cannot see');
    expect(findings[0].message).toContain('${var.team}');
  });

  it('a policy built by an expression with references is cannot-see for the wildcard rule', async () => {
    const parsed = await parse(
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n',
      'main.tf',
    );
    const findings = runPolicy(parsed, await testConstraints(), { environment: 'prod' }).findings.filter(
      (finding) => finding.ruleId === 'IK-IAM-001',
    );
    expect(findings.map((finding) => [finding.kind, finding.severity])).toEqual([['cannot-see', 'info']]);
  });

  it('a known violation carries no cannot-see kind', async () => {
    const parsed = await parse('resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n', 'main.tf');
    const result = runPolicy(parsed, await testConstraints(), { environment: 'prod' });
    const finding = result.findings.find((candidate) => candidate.ruleId === 'IK-LOG-001');
    expect(finding?.kind).toBeUndefined();
    expect(finding?.severity).toBe('medium');
    expect(result.autofixes.get(finding!.fingerprint!)?.autofix).toEqual({
      kind: 'set',
      path: ['enabled_cloudwatch_logs_exports'],
      value: ['postgresql', 'upgrade'],
    });
  });
});

describe('controls are cited for the frameworks in the compliance scope', () => {
  it('drops HIPAA, NIST, ISO, CIS and FedRAMP references when the scope is soc2 and pci-dss', async () => {
    const parsed = await parse('resource "aws_s3_bucket" "b" {\n  bucket = "example-logs"\n}\n', 'main.tf');
    const finding = runPolicy(parsed, await testConstraints(), { environment: 'prod' }).findings.find(
      (candidate) => candidate.ruleId === 'IK-TLS-001',
    );
    expect(finding?.controls).toEqual(['SOC 2 CC6.7', 'PCI-DSS 4.2']);
  });

  it('cites every framework when the project lists none', async () => {
    const constraints = await testConstraints();
    const parsed = await parse('resource "aws_s3_bucket" "b" {\n  bucket = "example-logs"\n}\n', 'main.tf');
    const finding = runPolicy(
      parsed,
      { ...constraints, context: { ...constraints.context, compliance: [] } },
      { environment: 'prod' },
    ).findings.find((candidate) => candidate.ruleId === 'IK-TLS-001');
    expect(finding?.controls).toContain('HIPAA 164.312(e)(1)');
    expect(finding?.controls).toContain('FedRAMP Moderate SC-8');
  });

  it('judges TLS in transit HIGH in prod and MEDIUM in dev', async () => {
    const parsed = await parse('resource "aws_s3_bucket" "b" {\n  bucket = "example-logs"\n}\n', 'main.tf');
    const severityIn = async (environment: string) =>
      runPolicy(parsed, await testConstraints(), { environment }).findings.find(
        (candidate) => candidate.ruleId === 'IK-TLS-001',
      )?.severity;
    expect(await severityIn('prod')).toBe('high');
    expect(await severityIn('dev')).toBe('medium');
  });
});

import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, testConstraints } from './helpers.js';

const database = (parameters: string) => `AWSTemplateFormatVersion: '2010-09-09'
${parameters}
Resources:
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      MultiAZ: false
      StorageEncrypted: true
`;

const multiAz = async (text: string, environment?: string) => {
  const result = runPolicy(await parse(text, 'template.yaml'), await testConstraints(), { environment });
  return {
    finding: result.findings.find((finding) => finding.ruleId === 'IK-HA-001'),
    environment: result.environment,
  };
};

describe('environment-aware severity', () => {
  it('the same missing multi-AZ is LOW in dev and HIGH in prod (--env)', async () => {
    const text = database('');
    expect((await multiAz(text, 'dev')).finding?.severity).toBe('low');
    expect((await multiAz(text, 'prod')).finding?.severity).toBe('high');
  });

  it('reads the environment from the template parameter default', async () => {
    const dev = await multiAz(database('Parameters:\n  Environment:\n    Type: String\n    Default: dev'));
    expect(dev.environment.environment.name).toBe('dev');
    expect(dev.environment.origin).toBe('template');
    expect(dev.finding?.severity).toBe('low');
  });

  it('takes the strictest of the allowed values', async () => {
    const result = await multiAz(
      database(
        'Parameters:\n  Environment:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, staging, prod]',
      ),
    );
    expect(result.environment.environment.name).toBe('prod');
    expect(result.environment.reason).toContain('allows dev, staging, prod');
    expect(result.finding?.severity).toBe('high');
  });

  it('reads a Terraform variable default', async () => {
    const text =
      'variable "env" {\n  default = "dev"\n}\nresource "aws_db_instance" "db" {\n  multi_az = false\n  storage_encrypted = true\n}\n';
    const result = runPolicy(await parse(text, 'main.tf'), await testConstraints());
    expect(result.environment.environment.name).toBe('dev');
    expect(result.findings.find((finding) => finding.ruleId === 'IK-HA-001')?.severity).toBe('low');
  });

  it('--env wins over the template', async () => {
    const result = await multiAz(
      database('Parameters:\n  Environment:\n    Type: String\n    Default: dev'),
      'prod',
    );
    expect(result.environment.origin).toBe('option');
    expect(result.finding?.severity).toBe('high');
  });

  it('a template with no environment gets the strictest severity, and the finding says why', async () => {
    const result = await multiAz(database(''));
    expect(result.environment.origin).toBe('strictest');
    expect(result.environment.environment.name).toBe('prod');
    expect(result.finding?.severity).toBe('high');
    expect(result.finding?.message).toMatch(
      /judged as prod, the strictest: no environment parameter, track or --env/,
    );
  });

  it('an unknown --env falls back to the strictest and says so', async () => {
    const result = await multiAz(database(''), 'qa');
    expect(result.environment.origin).toBe('strictest');
    expect(result.environment.reason).toContain('"qa" is not one of dev, staging, prod');
  });
});

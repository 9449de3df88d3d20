import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { planFixes } from '../../src/review/fix/plan-fixes.js';
import { fixRoundTrip, parse, realworld, testConstraints } from '../policy/helpers.js';
import { optionalPatchComposition } from '../policy/rule-cases.js';

const removedLines = (before: string, after: string): string[] =>
  diffLines(before, after)
    .filter((part) => part.removed)
    .flatMap((part) => part.value.split('\n').filter((line) => line !== ''));

describe('review --fix on declarations (variables, outputs, parameters, the terraform block)', () => {
  it('Terraform: required_version bound, variable description/type, sensitive on a variable and an output', async () => {
    const text = `terraform {\n  required_version = ">= 1.6.0" # keep\n}\n\nvariable "master_password" {\n  description = "Password for the master DB user."\n  type        = string\n}\n\nvariable "retention_days" {\n  default = 7\n}\n\nvariable "team" {}\n\noutput "db_password" {\n  description = "The database password."\n  value       = var.master_password\n}\n\noutput "endpoint" {\n  value = "db.internal"\n}\n\nresource "null_resource" "n" {}\n`;
    const { before, again, after, plan } = await fixRoundTrip(text, 'main.tf');
    const fixed = [
      'IK-TF-001 required_version terraform.required_version',
      'IK-TF-002 retention_days variable.retention_days.type',
      'IK-TF-002 retention_days variable.retention_days.description',
      'IK-TF-002 team variable.team.description',
      'IK-SEC-002 master_password variable.master_password.sensitive',
      'IK-SEC-002 db_password output.db_password.sensitive',
      'IK-TF-002 endpoint output.endpoint.description',
    ];
    for (const finding of fixed) expect(before).toContain(finding);
    for (const finding of fixed) expect(again).not.toContain(finding);
    // what was not fixable stays, and nothing new appears
    expect(again).toEqual(before.filter((finding) => !fixed.includes(finding)));
    expect(again).toContain('IK-TF-002 team variable.team.type');
    expect(plan.skipped).toEqual([]);
    expect(removedLines(text, after)).toEqual([
      '  required_version = ">= 1.6.0" # keep',
      'variable "team" {}',
    ]);
    expect(after).toContain('  required_version = ">= 1.6.0, < 2.0.0" # keep');
    expect(after).toContain(
      'variable "retention_days" {\n  type = number\n  description = "Retention days."\n  default = 7\n}',
    );
    expect(after).toContain('variable "team" {\n  description = "Team."\n}');
    expect(after).toContain('output "db_password" {\n  sensitive = true\n');
    expect(after).toContain('output "endpoint" {\n  description = "Endpoint."\n  value = "db.internal"\n}');
  });

  it('Terraform: adds required_version to a terraform block that has none', async () => {
    const text = `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\nresource "null_resource" "n" {}\n`;
    const { again, after } = await fixRoundTrip(text, 'versions.tf');
    expect(again.filter((finding) => finding.startsWith('IK-TF-001'))).toEqual([]);
    expect(after.split('\n')[1]).toMatch(/^ {2}required_version = ">= [\d.]+, < 2\.0\.0"$/);
  });

  it('CloudFormation: NoEcho, parameter and output descriptions, output export; comments survive', async () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\n# parameters first\nParameters:\n  DBPassword:\n    Type: String\n    MinLength: 12 # at least twelve\n  Environment:\n    Type: String\n    AllowedValues: [dev, staging, prod]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\nOutputs:\n  BucketName:\n    Value: !Ref Bucket\n`;
    const { before, again, after } = await fixRoundTrip(text, 'template.yaml');
    const fixed = [
      'IK-SEC-002 DBPassword Parameters.DBPassword.NoEcho',
      'IK-CFN-001 DBPassword Parameters.DBPassword.Description',
      'IK-CFN-001 Environment Parameters.Environment.Description',
      'IK-CFN-002 BucketName Outputs.BucketName.Description',
      'IK-CFN-002 BucketName Outputs.BucketName.Export',
    ];
    for (const finding of fixed) expect(before).toContain(finding);
    expect(again.filter((finding) => fixed.includes(finding))).toEqual([]);
    expect(removedLines(text, after)).toEqual([]);
    expect(after).toContain(
      '    MinLength: 12 # at least twelve\n    NoEcho: true\n    Description: Db password.',
    );
    expect(after).toContain('# parameters first');
    expect(after).toContain('    AllowedValues: [dev, staging, prod]\n    Description: Environment.');
    expect(after).toContain('Fn::Sub: ${AWS::StackName}-BucketName');
  });

  it('CloudFormation: sets rds.force_ssl in a parameter group (IK-TLS-002)', async () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Params:\n    Type: AWS::RDS::DBParameterGroup\n    Properties:\n      Family: postgres14\n      Description: app\n      Parameters:\n        log_min_duration_statement: 500\n`;
    const { before, again, after } = await fixRoundTrip(text, 'template.yaml');
    expect(before).toContain('IK-TLS-002 Params Properties.Parameters');
    expect(again.filter((finding) => finding.startsWith('IK-TLS-002'))).toEqual([]);
    expect(after).toContain('        log_min_duration_statement: 500\n        rds.force_ssl: "1"');
  });
});

describe('review --fix: the TLS parameter of a database parameter group (IK-TLS-002)', () => {
  it('Terraform: adds a parameter block', async () => {
    const text = `resource "aws_db_parameter_group" "pg" {\n  family = "postgres14"\n  parameter {\n    name  = "log_min_duration_statement"\n    value = "500"\n  }\n}\n`;
    const { before, again, after } = await fixRoundTrip(text, 'main.tf');
    expect(before.filter((finding) => finding.startsWith('IK-TLS-002'))).toHaveLength(1);
    expect(again.filter((finding) => finding.startsWith('IK-TLS-002'))).toEqual([]);
    expect(removedLines(text, after)).toEqual([]);
    expect(after).toContain('  parameter {\n    name = "rds.force_ssl"\n    value = "1"\n  }\n');
  });

  it('upjet: rewrites a wrong value in place', async () => {
    const text = `apiVersion: rds.aws.upbound.io/v1beta1\nkind: ClusterParameterGroup\nmetadata:\n  name: app\nspec:\n  forProvider:\n    region: us-east-1\n    family: aurora-mysql8.0\n    parameter:\n      - name: require_secure_transport\n        value: "OFF" # was off\n`;
    const { again, after } = await fixRoundTrip(text, 'manifest.yaml');
    expect(again.filter((finding) => finding.startsWith('IK-TLS-002'))).toEqual([]);
    expect(removedLines(text, after)).toEqual(['        value: "OFF" # was off']);
  });

  const { path: upjet, present: haveUpjet } = realworld(
    'provider-upjet-aws-v2.6.0-examples/examples/rds/cluster/v1beta1/parametergroup.yaml',
  );
  it.skipIf(!haveUpjet)(
    'on the upjet example parametergroup.yaml (postgres12): adds rds.force_ssl',
    async () => {
      const text = readFileSync(upjet, 'utf8');
      const { before, again, after } = await fixRoundTrip(text, 'parametergroup.yaml');
      expect(before.filter((finding) => finding.startsWith('IK-TLS-002'))).toHaveLength(1);
      expect(again.filter((finding) => finding.startsWith('IK-TLS-002'))).toEqual([]);
      expect(removedLines(text, after)).toEqual([]);
      expect(after).toContain(
        '      - name: rds.force_ssl\n        value: "1"\n        applyMethod: pending-reboot',
      );
    },
  );
});

describe('review --fix: Required patch policy (IK-PATCH-001)', () => {
  it('adds policy.fromFieldPath: Required to the optional safety patch; the finding is gone', async () => {
    const text = optionalPatchComposition('');
    const { before, again, after } = await fixRoundTrip(text, 'composition.yaml');
    expect(before.some((finding) => finding.startsWith('IK-PATCH-001'))).toBe(true);
    expect(again.filter((finding) => finding.startsWith('IK-PATCH-001'))).toEqual([]);
    expect(removedLines(text, after)).toEqual([]);
    expect(after).toMatch(
      /toFieldPath: spec\.forProvider\.deletionProtection\n\s+policy:\n\s+fromFieldPath: Required\n/,
    );
  });

  const { path: upstream, present: haveUpstream } = realworld(
    'infrakit-upstream-examples/crossplane/compositions/xpostgresql-instance',
  );
  it.skipIf(!haveUpstream)(
    "on the original InfraKit's XPostgreSQL: the two Optional combine patches become Required",
    async () => {
      const definition = readFileSync(join(upstream, 'definition.yaml'), 'utf8');
      const composition = readFileSync(join(upstream, 'composition.yaml'), 'utf8');
      const constraints = await testConstraints();
      const load = async (text: string) => {
        const [xrd, comp] = await Promise.all([
          parse(definition, 'definition.yaml'),
          parse(text, 'composition.yaml'),
        ]);
        return {
          ...comp,
          resources: [...xrd.resources, ...comp.resources],
          files: [...xrd.files, ...comp.files],
        };
      };
      const parsed = await load(composition);
      const policy = runPolicy(parsed, constraints, { environment: 'prod' });
      expect(policy.findings.filter((finding) => finding.ruleId === 'IK-PATCH-001')).toHaveLength(1);
      const plan = planFixes(
        { ...policy, findings: policy.findings.filter((finding) => finding.ruleId === 'IK-PATCH-001') },
        parsed,
        new Map([['composition.yaml', composition]]),
      );
      expect(plan.skipped).toEqual([]);
      const after = plan.patches[0].after;
      expect(removedLines(composition, after)).toEqual([
        '                  fromFieldPath: Optional',
        '                  fromFieldPath: Optional',
      ]);
      const again = runPolicy(await load(after), constraints, { environment: 'prod' });
      expect(again.findings.filter((finding) => finding.ruleId === 'IK-PATCH-001')).toEqual([]);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { fixRoundTrip } from './helpers.js';

/** Each finding was there before the fix and is gone after it. */
function expectFixed(before: string[], again: string[], fixed: string[]): void {
  for (const finding of fixed) expect(before).toContain(finding);
  for (const finding of fixed) expect(again).not.toContain(finding);
}

describe('review --fix for the transit, monitoring, validation and tag-source rules', () => {
  it('Terraform: adds transit encryption, a TLS 1.2 policy, Performance Insights and detailed monitoring; the rules stop firing', async () => {
    const text = `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id = "example-cache"\n  description = "Session cache."\n}\n\nresource "aws_lb_listener" "https" {\n  load_balancer_arn = "arn"\n  port = 443\n  protocol = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-2016-08" # old\n  certificate_arn = "arn"\n  default_action {\n    type = "forward"\n    target_group_arn = "arn"\n  }\n}\n\nresource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.r6g.large"\n  monitoring_interval = 60\n  monitoring_role_arn = "arn:aws:iam::aws:role/rds-monitoring"\n}\n\nresource "aws_instance" "app" {\n  ami = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n`;
    const { before, again, after } = await fixRoundTrip(text, 'main.tf');
    const fixed = [
      'IK-TLS-003 cache transit_encryption_enabled',
      'IK-TLS-004 https ssl_policy',
      'IK-MON-001 db performance_insights_enabled',
      'IK-MON-001 app monitoring',
    ];
    expectFixed(before, again, fixed);
    expect(after).toContain('  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" # old');
    expect(after).toContain(
      'resource "aws_elasticache_replication_group" "cache" {\n  transit_encryption_enabled = true\n',
    );
  });

  it('Terraform: validation blocks for the environment and region variables from the constraints', async () => {
    const text = `variable "environment" {\n  description = "Target environment."\n  type        = string\n}\n\nvariable "region" {\n  description = "AWS region."\n  type        = string\n}\n`;
    const { before, again, after } = await fixRoundTrip(text, 'variables.tf');
    const fixed = [
      'IK-TF-002 environment variable.environment.validation',
      'IK-TF-002 region variable.region.validation',
    ];
    expectFixed(before, again, fixed);
    expect(again).toEqual(before.filter((finding) => !fixed.includes(finding)));
    expect(after).toContain(
      '  validation {\n    condition     = contains(["dev", "staging", "prod"], var.environment)\n    error_message = "environment must be one of dev, staging, prod."\n  }',
    );
    expect(after).toContain('condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\\\d$", var.region))');
    // the validation works: the region pattern accepts a region and refuses a typo
    const pattern = new RegExp('^[a-z]{2}(-[a-z]+)+-\\d$');
    expect(['us-east-1', 'us-gov-west-1'].every((region) => pattern.test(region))).toBe(true);
    expect(pattern.test('us-east1')).toBe(false);
  });

  it('Terraform: a tag whose variable is undeclared gets the variable, with its validation', async () => {
    const text = `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags = {\n    managed-by = "infrakit"\n  }\n}\n`;
    const { before, again, after, plan } = await fixRoundTrip(text, 'main.tf');
    expect(before).toContain('IK-TAG-001 main tags.team');
    expect(before).toContain('IK-TAG-001 main tags.environment');
    expect(again.filter((finding) => finding.startsWith('IK-TAG-001'))).toEqual([]);
    expect(again.filter((finding) => finding.startsWith('IK-TF-002'))).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(after).toContain('    team = var.team\n');
    expect(after).toContain('variable "team" {\n  description = "Team."\n  type        = string\n}');
    expect(after).toContain(
      'variable "environment" {\n  description = "Environment."\n  type        = string\n  validation {',
    );
  });

  it('CloudFormation: transit encryption, the listener policy, AllowedValues / AllowedPattern and a declared tag parameter', async () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Environment:\n    Type: String\n    Description: Target environment.\n  Region:\n    Type: String\n    Description: Region of the replica.\nResources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: Session cache.\n      TransitEncryptionEnabled: false\n      Tags:\n        - Key: environment\n          Value: !Ref Environment\n        - Key: managed-by\n          Value: infrakit\n  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn\n      Port: 443\n      Protocol: HTTPS\n      Certificates:\n        - CertificateArn: arn\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: arn\n`;
    const { before, again, after } = await fixRoundTrip(text, 'template.yaml');
    const fixed = [
      'IK-TLS-003 Cache Properties.TransitEncryptionEnabled',
      'IK-TLS-004 Listener Properties.SslPolicy',
      'IK-CFN-001 Environment Parameters.Environment',
      'IK-CFN-001 Region Parameters.Region',
      'IK-TAG-001 Cache Properties.Tags.team',
    ];
    expectFixed(before, again, fixed);
    expect(after).toContain('    AllowedValues:\n      - dev\n      - staging\n      - prod');
    expect(after).toContain('    AllowedPattern: ^[a-z]{2}(-[a-z]+)+-\\d$');
    expect(after).toContain('  team:\n    Type: String\n    Description: Team.');
    expect(after).toContain('Value: !Ref team');
  });

  it('CloudFormation: a tag that references an undeclared parameter is reported and the parameter declared', async () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      Tags:\n        - Key: team\n          Value: !Ref team\n        - Key: environment\n          Value: !Ref environment\n        - Key: managed-by\n          Value: infrakit\n`;
    const { before, again, after, plan } = await fixRoundTrip(text, 'template.yaml');
    expectFixed(before, again, [
      'IK-TAG-002 Vpc Properties.Tags.team',
      'IK-TAG-002 Vpc Properties.Tags.environment',
    ]);
    expect(plan.skipped).toEqual([]);
    expect(after).toContain(
      'Parameters:\n  team:\n    Type: String\n    Description: Team.\n  environment:\n    Type: String\n    Description: Environment.\n    AllowedValues:\n      - dev\n      - staging\n      - prod',
    );
    // what the declared parameter still lacks is another rule's finding, not a new tag problem
    expect(again.filter((finding) => finding.startsWith('IK-TAG'))).toEqual([]);
  });
});

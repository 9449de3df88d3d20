import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, realworld, testConstraints } from './helpers.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const UPJET = ['provider-upjet-aws-v2.6.0-examples', 'examples'];

async function findings(text: string, file: string, rule: string, environment = 'prod', edit = {}) {
  const parsed = await parse(text, file);
  expect(parsed.errors).toEqual([]);
  const constraints = await testConstraints();
  const context = { ...constraints.context, ...edit };
  return runPolicy(parsed, { ...constraints, context }, { environment }).findings.filter(
    (finding) => finding.ruleId === rule,
  );
}

const shape = (list: Array<{ kind?: string; severity: string; message: string }>) =>
  list.map((finding) => [finding.kind ?? 'violation', finding.severity]);

describe('IK-ACCT-002 hard-coded regions outside ARNs', () => {
  it('Terraform: a local spelling a region fires; the root provider block, tags, descriptions and ARNs do not', async () => {
    const text = `provider "aws" {\n  region = "us-east-1"\n}\nlocals {\n  primary = "eu-west-1"\n}\nresource "aws_sns_topic" "t" {\n  name = "alerts"\n  policy = "arn:aws:sns:us-east-1:aws:policy"\n  tags = {\n    region = "us-east-1"\n  }\n}\nresource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_description = "Latency in us-east-1"\n}\n`;
    const found = await findings(text, 'main.tf', 'IK-ACCT-002');
    expect(found.map((finding) => [finding.resourceName, finding.message])).toEqual([
      ['primary', 'local.primary spells out the region eu-west-1, which no caller can override [prod]'],
    ]);
    expect((await findings(text, 'main.tf', 'IK-ACCT-002', 'dev')).map((f) => f.severity)).toEqual(['low']);
  });

  it('Crossplane: a composed resource naming another region than context.md fires, unless the design is multi-region', async () => {
    const composition = (region: string) =>
      `apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nmetadata:\n  name: xqueues-aws\nspec:\n  compositeTypeRef:\n    apiVersion: platform.acme.com/v1alpha1\n    kind: XQueue\n  mode: Pipeline\n  pipeline:\n    - step: patch-and-transform\n      functionRef:\n        name: function-patch-and-transform\n      input:\n        apiVersion: pt.fn.crossplane.io/v1beta1\n        kind: Resources\n        resources:\n          - name: queue\n            base:\n              apiVersion: sqs.aws.upbound.io/v1beta1\n              kind: Queue\n              spec:\n                forProvider:\n                  region: ${region}\n`;
    const other = await findings(composition('eu-central-1'), 'composition.yaml', 'IK-ACCT-002');
    expect(other.map((finding) => finding.message)).toEqual([
      "region is the region eu-central-1, not the project's region us-east-1 (context.md) [prod]",
    ]);
    expect(await findings(composition('us-east-1'), 'composition.yaml', 'IK-ACCT-002')).toEqual([]);
    const multiRegion = { resilience: { multiRegion: true } };
    expect(
      await findings(composition('eu-central-1'), 'composition.yaml', 'IK-ACCT-002', 'prod', multiRegion),
    ).toEqual([]);
  });

  it('a go-template composition that writes a literal region beside the XRD region parameter fires', async () => {
    const folder = join(EXAMPLES, 'crossplane', 'cassandra-keyspace', 'compositions', 'cassandra-keyspace');
    const definition = readFileSync(join(folder, 'definition.yaml'), 'utf8');
    const template = readFileSync(join(folder, 'composition.yaml'), 'utf8');
    expect(await findings(`${definition}\n---\n${template}`, 'composition.yaml', 'IK-ACCT-002')).toEqual([]);
    const literal = template.replace('region: {{ $p.region }}', 'region: eu-west-1');
    const found = await findings(`${definition}\n---\n${literal}`, 'composition.yaml', 'IK-ACCT-002');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].message).toContain('the XRD declares spec.parameters.region');
  });

  it('fires on no upjet example (plain managed resources) and not on the upstream composition that patches its region', async () => {
    const upjet = realworld(...UPJET, 'elasticache', 'cluster', 'v1beta2', 'replicationgroup.yaml');
    const upstream = realworld(
      'infrakit-upstream-examples',
      'crossplane',
      'compositions',
      'xpostgresql-instance',
      'composition.yaml',
    );
    if (!upjet.present || !upstream.present) return;
    for (const { path } of [upjet, upstream])
      expect(await findings(readFileSync(path, 'utf8'), path, 'IK-ACCT-002')).toEqual([]);
  });
});

describe('IK-MON-001 enhanced monitoring, Performance Insights, detailed monitoring', () => {
  const database = (interval: string, extra = '') =>
    `variable "interval" {\n  type = number\n${extra}}\nresource "aws_db_instance" "db" {\n  engine = "mysql"\n  instance_class = "db.t3.micro"\n  monitoring_interval = ${interval}\n  monitoring_role_arn = "arn:aws:iam::123456789012:role/rds-monitoring"\n}\n`;

  it('an interval from an unbounded variable is cannot-see; its default is judged; no PI on db.t3.micro MySQL', async () => {
    expect(shape(await findings(database('var.interval'), 'main.tf', 'IK-MON-001'))).toEqual([
      ['cannot-see', 'info'],
    ]);
    const off = await findings(database('var.interval', '  default = 0\n'), 'main.tf', 'IK-MON-001');
    expect(off.map((finding) => finding.message)).toEqual([
      'monitoring_interval is 0: enhanced monitoring (OS metrics every few seconds) is off [prod]',
    ]);
    expect(await findings(database('var.interval', '  default = 60\n'), 'main.tf', 'IK-MON-001')).toEqual([]);
    expect(shape(await findings(database('0'), 'main.tf', 'IK-MON-001', 'dev'))).toEqual([
      ['violation', 'low'],
    ]);
  });

  it('an interval without a role fires; Performance Insights is asked of classes that support it', async () => {
    const text = `resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.r6g.large"\n  monitoring_interval = 60\n}\n`;
    expect((await findings(text, 'main.tf', 'IK-MON-001')).map((finding) => finding.fieldPath)).toEqual([
      'monitoring_role_arn',
      'performance_insights_enabled',
    ]);
  });
});

describe('IK-MON-002 an alarm per database and queue', () => {
  const alarm = (value: string) =>
    `variable "queue" {\n  type = string\n}\nresource "aws_sqs_queue" "jobs" {\n  name = "example-jobs"\n}\nresource "aws_cloudwatch_metric_alarm" "age" {\n  alarm_name = "age"\n  metric_query {\n    id = "m1"\n    return_data = true\n    metric {\n      namespace = "AWS/SQS"\n      metric_name = "ApproximateAgeOfOldestMessage"\n      period = 300\n      stat = "Maximum"\n      dimensions = {\n        QueueName = ${value}\n      }\n    }\n  }\n}\n`;

  it('a dimension inside a metric query counts; one from a variable is cannot-see, never a pass', async () => {
    expect(await findings(alarm('aws_sqs_queue.jobs.name'), 'main.tf', 'IK-MON-002')).toEqual([]);
    expect(await findings(alarm('"example-jobs"'), 'main.tf', 'IK-MON-002')).toEqual([]);
    const hidden = await findings(alarm('var.queue'), 'main.tf', 'IK-MON-002');
    expect(shape(hidden)).toEqual([['cannot-see', 'info']]);
    expect(hidden[0].message).toContain('var.queue');
    expect(shape(await findings(alarm('"example-other"'), 'main.tf', 'IK-MON-002'))).toEqual([
      ['violation', 'medium'],
    ]);
  });

  it('CloudFormation: a dimension from a parameter is cannot-see', async () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  DatabaseId:\n    Type: String\nResources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n  Cpu:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/RDS\n      MetricName: CPUUtilization\n      Dimensions:\n        - Name: DBInstanceIdentifier\n          Value: !Ref DatabaseId\n`;
    expect(shape(await findings(text, 'template.yaml', 'IK-MON-002'))).toEqual([['cannot-see', 'info']]);
  });
});

describe('IK-TLS-003 ElastiCache in transit and IK-TLS-004 listeners', () => {
  const cache = (value: string, extra = '') =>
    `variable "tls" {\n  type = bool\n${extra}}\nresource "aws_elasticache_replication_group" "c" {\n  replication_group_id = "c"\n  description = "Cache."\n  transit_encryption_enabled = ${value}\n}\n`;

  it('judges a variable by its default, reports an unbounded one as cannot-see, HIGH in prod and MEDIUM in dev', async () => {
    expect(shape(await findings(cache('var.tls'), 'main.tf', 'IK-TLS-003'))).toEqual([
      ['cannot-see', 'info'],
    ]);
    expect(
      shape(await findings(cache('var.tls', '  default = false\n'), 'main.tf', 'IK-TLS-003', 'dev')),
    ).toEqual([['violation', 'medium']]);
    expect(shape(await findings(cache('false'), 'main.tf', 'IK-TLS-003'))).toEqual([['violation', 'high']]);
    expect(await findings(cache('var.tls', '  default = true\n'), 'main.tf', 'IK-TLS-003')).toEqual([]);
  });

  it('on the provider-upjet-aws examples: v1beta1 replicationgroup.yaml fires, v1beta2 (transitEncryptionEnabled: true) does not', async () => {
    const before = realworld(...UPJET, 'elasticache', 'cluster', 'v1beta1', 'replicationgroup.yaml');
    const after = realworld(...UPJET, 'elasticache', 'cluster', 'v1beta2', 'replicationgroup.yaml');
    if (!before.present || !after.present) return;
    expect(shape(await findings(readFileSync(before.path, 'utf8'), before.path, 'IK-TLS-003'))).toEqual([
      ['violation', 'high'],
    ]);
    expect(await findings(readFileSync(after.path, 'utf8'), after.path, 'IK-TLS-003')).toEqual([]);
  });

  it('a fixed response on HTTP, a TLS 1.2 policy on an NLB TLS listener and a Gateway LB listener pass; a policy from a variable is cannot-see', async () => {
    const text = `variable "policy" {\n  type = string\n}\nresource "aws_lb_listener" "http" {\n  load_balancer_arn = "arn"\n  port = 80\n  protocol = "HTTP"\n  default_action {\n    type = "fixed-response"\n    fixed_response {\n      content_type = "text/plain"\n      status_code = "404"\n    }\n  }\n}\nresource "aws_lb_listener" "tls" {\n  load_balancer_arn = "arn"\n  port = 443\n  protocol = "TLS"\n  ssl_policy = "ELBSecurityPolicy-FS-1-2-Res-2020-10"\n  certificate_arn = "arn"\n  default_action {\n    type = "forward"\n    target_group_arn = "arn"\n  }\n}\nresource "aws_lb_listener" "gateway" {\n  load_balancer_arn = "arn"\n  default_action {\n    type = "forward"\n    target_group_arn = "arn"\n  }\n}\nresource "aws_alb_listener" "https" {\n  load_balancer_arn = "arn"\n  port = 443\n  protocol = "HTTPS"\n  ssl_policy = var.policy\n  certificate_arn = "arn"\n  default_action {\n    type = "forward"\n    target_group_arn = "arn"\n  }\n}\n`;
    const found = await findings(text, 'main.tf', 'IK-TLS-004');
    expect(found.map((finding) => [finding.resourceName, finding.kind])).toEqual([['https', 'cannot-see']]);
  });

  it('on the provider-upjet-aws examples: lblistener.yaml (HTTP, forward) fires', async () => {
    const listener = realworld(...UPJET, 'elbv2', 'cluster', 'v1beta2', 'lblistener.yaml');
    if (!listener.present) return;
    const found = await findings(readFileSync(listener.path, 'utf8'), listener.path, 'IK-TLS-004');
    expect(found.map((finding) => finding.message)).toEqual([
      'the listener serves plain HTTP: its defaultAction is forward, not a redirect to HTTPS [prod]',
    ]);
  });
});

describe('go-template compositions', () => {
  const composition = (forProvider: string) =>
    `apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nmetadata:\n  name: xcaches-aws\nspec:\n  compositeTypeRef:\n    apiVersion: platform.acme.com/v1alpha1\n    kind: XCache\n  mode: Pipeline\n  pipeline:\n    - step: render\n      functionRef:\n        name: function-go-templating\n      input:\n        apiVersion: gotemplating.fn.crossplane.io/v1beta1\n        kind: GoTemplate\n        source: Inline\n        inline:\n          template: |\n            {{- $p := .observed.composite.resource.spec.parameters }}\n            ---\n            apiVersion: elasticache.aws.m.upbound.io/v1beta1\n            kind: ReplicationGroup\n            metadata:\n              annotations:\n                gotemplating.fn.crossplane.io/composition-resource-name: cache\n            spec:\n              forProvider:\n                region: us-east-1\n                description: Session cache.\n${forProvider}\n`;

  it('a template action is cannot-see; a literal false in the template is a violation', async () => {
    const action = await findings(
      composition('                transitEncryptionEnabled: {{ $p.tls }}'),
      'composition.yaml',
      'IK-TLS-003',
    );
    expect(shape(action)).toEqual([['cannot-see', 'info']]);
    expect(action[0].message).toContain('{{ $p.tls }}');
    const literal = await findings(
      composition('                transitEncryptionEnabled: false'),
      'composition.yaml',
      'IK-TLS-003',
    );
    expect(shape(literal)).toEqual([['violation', 'high']]);
    expect(
      await findings(
        composition('                transitEncryptionEnabled: true'),
        'composition.yaml',
        'IK-TLS-003',
      ),
    ).toEqual([]);
  });
});

import { isUnknownValue } from '../../iac/resource-model.js';
import { cannotSee } from '../cannot-see.js';
import { byProductionLike } from '../environment-level.js';
import { MONITORING_CONTROLS } from '../monitoring-controls.js';
import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { lineOf, readField, type ResourceView } from '../resource-view.js';
import { asRecord, literalString, renderValue } from '../values.js';

/** The CloudWatch dimension that names each watched kind, and the field that holds its name. */
const WATCHED: Record<string, { dimension: string; what: string; name: Record<string, string> }> = {
  'rds-instance': {
    dimension: 'DBInstanceIdentifier',
    what: 'database',
    name: { terraform: 'identifier', cloudformation: 'DBInstanceIdentifier', crossplane: 'identifier' },
  },
  'rds-cluster': {
    dimension: 'DBClusterIdentifier',
    what: 'database cluster',
    name: {
      terraform: 'cluster_identifier',
      cloudformation: 'DBClusterIdentifier',
      crossplane: 'clusterIdentifier',
    },
  },
  'sqs-queue': {
    dimension: 'QueueName',
    what: 'queue',
    name: { terraform: 'name', cloudformation: 'QueueName', crossplane: 'name' },
  },
};

/** Every `dimensions` of an alarm (top level and inside metric queries) as name/value pairs. */
function* dimensionsOf(value: unknown): Generator<{ name: string; value: unknown }> {
  if (Array.isArray(value)) for (const item of value) yield* dimensionsOf(item);
  const record = asRecord(value);
  if (!record) return;
  for (const [key, item] of Object.entries(record)) {
    if (key === 'dimensions' || key === 'Dimensions') {
      const items = Array.isArray(item) ? item : [item];
      for (const entry of items) {
        const pairs = asRecord(entry);
        if (!pairs) continue;
        if (typeof pairs.Name === 'string' && 'Value' in pairs)
          yield { name: pairs.Name, value: pairs.Value };
        else for (const [name, dimension] of Object.entries(pairs)) yield { name, value: dimension };
      }
    } else yield* dimensionsOf(item);
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names the watched resource is known by in its own source: its literal name fields. */
function literalNames(view: ResourceView, names: Record<string, string>): string[] {
  const own = literalString(readField(view, names).value);
  const metadata = asRecord(view.resource.body.metadata);
  const external = asRecord(metadata?.annotations)?.['crossplane.io/external-name'];
  return [
    own,
    view.resource.tool === 'crossplane' ? view.resource.name : undefined,
    literalString(external),
  ].filter((name): name is string => name !== undefined);
}

/** Whether an expression refers to the watched resource, to another resource of the source, or to neither. */
function referenceOf(
  expression: string,
  view: ResourceView,
  context: RuleContext,
): 'this' | 'other' | 'unknown' {
  const { type, name, tool } = view.resource;
  if (tool === 'terraform') {
    if (new RegExp(`\\b${escape(type)}\\.${escape(name)}\\b`).test(expression)) return 'this';
    return /\baws_[a-z0-9_]+\.[\w-]+\./.test(expression) ? 'other' : 'unknown';
  }
  if (tool === 'cloudformation') {
    const logical = new RegExp(`^!(Ref|GetAtt) ${escape(name)}\\b|\\$\\{${escape(name)}[.}]`);
    if (logical.test(expression)) return 'this';
    const target = /^!(?:Ref|GetAtt) ([A-Za-z0-9]+)/.exec(expression)?.[1];
    return target && context.parsed.resources.some((resource) => resource.name === target)
      ? 'other'
      : 'unknown';
  }
  return 'unknown';
}

/**
 * IK-MON-002: a CloudWatch metric alarm watches every database and queue the source creates: an
 * alarm (TF `aws_cloudwatch_metric_alarm`, CFN `AWS::CloudWatch::Alarm`, upjet `MetricAlarm`) in the
 * same source whose dimensions (also inside metric queries) name the resource by reference or by its
 * literal name. An alarm whose dimension comes from an expression the rule cannot evaluate (a
 * variable, a module output, a parameter, a go-template action, a patch) is cannot-see, not a pass.
 */
export const alarmCoverageRule: PolicyRule = {
  id: 'IK-MON-002',
  title: 'No CloudWatch alarm watches the database or queue',
  rationale:
    'Metrics nobody alarms on are read after the outage: a database running out of storage or connections, or a queue whose messages stop being consumed, should page someone before users notice.',
  controls: [...MONITORING_CONTROLS],
  severity: byProductionLike('medium', 'low'),
  appliesTo: () => true,
  check(view, context) {
    const watched = view.entry ? WATCHED[view.entry.kind] : undefined;
    if (!watched || view.resource.tool === 'kubernetes') return [];
    if (
      view.resource.tool === 'cloudformation' &&
      view.arguments.DBClusterIdentifier !== undefined &&
      view.entry?.kind === 'rds-instance'
    )
      return [];
    const names = literalNames(view, watched.name);
    let hidden: unknown;
    for (const alarm of context.views) {
      if (alarm.entry?.kind !== 'cloudwatch-alarm' || alarm.resource.tool !== view.resource.tool) continue;
      for (const dimension of dimensionsOf(alarm.arguments)) {
        if (dimension.name !== watched.dimension) continue;
        const literal = literalString(dimension.value);
        if (literal !== undefined) {
          if (names.includes(literal)) return [];
          continue;
        }
        const expression = renderValue(dimension.value);
        const reference = referenceOf(expression, view, context);
        if (reference === 'this') return [];
        if (reference === 'unknown')
          hidden ??= isUnknownValue(dimension.value) ? dimension.value : expression;
      }
    }
    const line = lineOf(view);
    if (hidden !== undefined)
      return [
        cannotSee(
          `whether an alarm watches this ${watched.what}`,
          renderValue(hidden),
          { line },
          `Set the alarm's ${watched.dimension} dimension from a reference to this ${watched.what} in the same source.`,
        ),
      ];
    const violation: Violation = {
      line,
      message: `no CloudWatch metric alarm in the source has a ${watched.dimension} dimension naming this ${watched.what}`,
      fix:
        view.entry?.kind === 'sqs-queue'
          ? `Add a metric alarm on AWS/SQS ApproximateAgeOfOldestMessage with dimension QueueName = this queue's name.`
          : `Add a metric alarm on AWS/RDS (CPUUtilization, FreeStorageSpace, DatabaseConnections) with dimension ${watched.dimension} = this ${watched.what}'s identifier.`,
    };
    return [violation];
  },
};

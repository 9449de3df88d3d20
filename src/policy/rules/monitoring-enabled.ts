import { isUnknownValue } from '../../iac/resource-model.js';
import { cannotSee } from '../cannot-see.js';
import { byProductionLike } from '../environment-level.js';
import { fieldValues, fieldWhere, switchedOn } from '../field-switch.js';
import { MONITORING_CONTROLS } from '../monitoring-controls.js';
import type { PolicyRule, RuleContext, Violation } from '../rule.js';
import { fieldName, readField, type ResourceView } from '../resource-view.js';
import { literalString } from '../values.js';

const INTERVAL = {
  terraform: 'monitoring_interval',
  cloudformation: 'MonitoringInterval',
  crossplane: 'monitoringInterval',
};
const ROLE = {
  terraform: 'monitoring_role_arn',
  cloudformation: 'MonitoringRoleArn',
  crossplane: 'monitoringRoleArn',
};
const INSIGHTS = {
  terraform: 'performance_insights_enabled',
  cloudformation: 'EnablePerformanceInsights',
  crossplane: 'performanceInsightsEnabled',
};
const DETAILED = { terraform: 'monitoring', cloudformation: 'Monitoring', crossplane: 'monitoring' };

/**
 * Performance Insights is not offered for RDS for MySQL and MariaDB on the smallest burstable classes
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.Engines.html).
 */
function insightsUnsupported(view: ResourceView): boolean {
  const engine =
    literalString(
      readField(view, { terraform: 'engine', cloudformation: 'Engine', crossplane: 'engine' }).value,
    ) ?? '';
  const instanceClass =
    literalString(
      readField(view, {
        terraform: 'instance_class',
        cloudformation: 'DBInstanceClass',
        crossplane: 'instanceClass',
      }).value,
    ) ?? '';
  return /^(mysql|mariadb)$/.test(engine) && /^db\.t[234]g?\.(micro|small)$/.test(instanceClass);
}

/** Enhanced monitoring: an interval above 0 and a role RDS publishes the metrics with. */
function enhancedMonitoring(view: ResourceView, context: RuleContext): Violation[] {
  const intervals = fieldValues(view, INTERVAL, context);
  const interval = fieldName(view, INTERVAL) ?? INTERVAL.terraform;
  if (isUnknownValue(intervals))
    return [
      cannotSee(
        'whether enhanced monitoring is on',
        intervals,
        fieldWhere(view, INTERVAL),
        `Write ${interval} literally (1, 5, 10, 15, 30 or 60), or bound its input.`,
      ),
    ];
  if (intervals.some((value) => !(Number(value) > 0)))
    return [
      {
        ...fieldWhere(view, INTERVAL),
        message: `${interval} is ${intervals.includes(undefined) ? 'not set' : String(intervals.find((value) => !(Number(value) > 0)))}: enhanced monitoring (OS metrics every few seconds) is off`,
        fix: `Set ${interval} to 60 (or less) and ${fieldName(view, ROLE)} to a role trusted by monitoring.rds.amazonaws.com with the AmazonRDSEnhancedMonitoringRole policy.`,
      },
    ];
  const role = readField(view, ROLE);
  const roleSet =
    role.value !== undefined ||
    (view.resource.tool === 'crossplane' &&
      (view.arguments.monitoringRoleArnRef !== undefined ||
        view.arguments.monitoringRoleArnSelector !== undefined));
  if (roleSet) return [];
  return [
    {
      ...fieldWhere(view, ROLE),
      message: `${interval} is set but ${fieldName(view, ROLE)} is not: RDS has no role to publish the enhanced monitoring metrics with`,
      fix: `Set ${fieldName(view, ROLE)} to a role trusted by monitoring.rds.amazonaws.com with the AmazonRDSEnhancedMonitoringRole policy.`,
    },
  ];
}

/**
 * IK-MON-001: monitoring beyond logs. An RDS instance has enhanced monitoring (an interval above 0 with
 * a role) and Performance Insights where its engine and class support it; an EC2 instance has
 * detailed (one-minute) monitoring. A value from an expression the rule cannot evaluate is cannot-see.
 */
export const monitoringEnabledRule: PolicyRule = {
  id: 'IK-MON-001',
  title: 'Database or instance monitoring off',
  rationale:
    'Without enhanced monitoring, Performance Insights and detailed instance metrics, a saturated database or host is seen only when users notice: the five-minute default metrics hide the spikes that cause outages.',
  controls: [...MONITORING_CONTROLS],
  severity: byProductionLike('medium', 'low'),
  appliesTo: () => true,
  check(view, context) {
    if (view.resource.tool === 'kubernetes') return [];
    if (view.entry?.kind === 'ec2-instance')
      return switchedOn(view, DETAILED, context, 'detailed (one-minute) monitoring');
    if (view.entry?.kind !== 'rds-instance') return [];
    return [
      ...enhancedMonitoring(view, context),
      ...(insightsUnsupported(view) ? [] : switchedOn(view, INSIGHTS, context, 'Performance Insights')),
    ];
  },
};

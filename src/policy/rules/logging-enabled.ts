import { literalString } from '../values.js';
import { targetsBucket } from '../bucket-companions.js';
import { byProductionLike } from '../environment-level.js';
import type { PolicyRule, Violation } from '../rule.js';
import { fullPath, lineOf, readField } from '../resource-view.js';
import { isAbsent } from '../values.js';

/** The log types RDS exports to CloudWatch per engine family, for the autofix. */
const RDS_LOG_TYPES: Array<[engine: RegExp, logs: string[]]> = [
  [/postgres/, ['postgresql', 'upgrade']],
  [/mysql|mariadb/, ['error', 'general', 'slowquery']],
];

const S3_LOGGING = { terraform: 'aws_s3_bucket_logging', crossplane: 'BucketLogging' } as const;

/**
 * IK-LOG-001: access and database logs are on. An S3 bucket has server access logging (Terraform
 * `aws_s3_bucket_logging`, CloudFormation `LoggingConfiguration`, upjet `BucketLogging`), unless it is
 * itself a log target; an RDS instance or cluster exports its logs to CloudWatch.
 */
export const loggingEnabledRule: PolicyRule = {
  id: 'IK-LOG-001',
  title: 'Access or database logging off',
  rationale:
    'Without access logs and database logs there is no record of who read or changed data, and incidents cannot be investigated or detected.',
  controls: [
    'SOC 2 CC7.1',
    'SOC 2 CC7.2',
    'HIPAA 164.312(b)',
    'PCI-DSS 10.2',
    'NIST 800-53 AU-2',
    'NIST 800-53 SI-4',
    'ISO 27001:2022 A.8.15',
    'ISO 27001:2022 A.8.16',
    'FedRAMP Moderate AU-2',
  ],
  severity: byProductionLike('medium', 'low'),
  appliesTo: () => true,
  check(view, context) {
    const kind = view.entry?.kind;
    if (kind === 'rds-instance' || kind === 'rds-cluster') {
      if (
        view.resource.tool === 'cloudformation' &&
        kind === 'rds-instance' &&
        view.arguments.DBClusterIdentifier !== undefined
      )
        return [];
      const field = readField(view, {
        terraform: 'enabled_cloudwatch_logs_exports',
        cloudformation: 'EnableCloudwatchLogsExports',
        crossplane: 'enabledCloudwatchLogsExports',
      });
      if (!field.path || !isAbsent(field.value)) return [];
      const engine =
        literalString(
          readField(view, { terraform: 'engine', cloudformation: 'Engine', crossplane: 'engine' }).value,
        ) ?? '';
      const logs = RDS_LOG_TYPES.find(([pattern]) => pattern.test(engine))?.[1];
      const violation: Violation = {
        message: `${field.path} is not set: the database exports no logs to CloudWatch`,
        fieldPath: fullPath(view, field.path),
        line: lineOf(view, field.path),
        fix: `Set ${field.path} to ${logs ? JSON.stringify(logs) : 'the engine log types'}.`,
        ...(logs ? { autofix: { kind: 'set' as const, path: [field.path], value: logs } } : {}),
      };
      return [violation];
    }
    if (kind !== 's3-bucket') return [];
    if (view.resource.tool === 'cloudformation') {
      if (view.arguments.LoggingConfiguration !== undefined) return [];
      const isTarget = context.views.some((other) =>
        JSON.stringify(other.arguments.LoggingConfiguration ?? '').includes(`"${view.resource.name}"`),
      );
      if (isTarget) return [];
    } else if (view.resource.tool === 'terraform' || view.resource.tool === 'crossplane') {
      const type = S3_LOGGING[view.resource.tool];
      const logging = context.views.filter(
        (other) =>
          (other.resource.type === type || other.resource.kind === type) &&
          other.resource.tool === view.resource.tool,
      );
      if (logging.some((other) => targetsBucket(other.resource, 'bucket', view))) return [];
      if (
        logging.some((other) =>
          JSON.stringify(other.arguments.target_bucket ?? other.arguments.targetBucket ?? '').includes(
            `.${view.resource.name}.`,
          ),
        )
      )
        return [];
    } else return [];
    return [
      {
        message: 'server access logging is not enabled on the bucket',
        line: lineOf(view),
        fix:
          view.resource.tool === 'cloudformation'
            ? 'Add LoggingConfiguration: { DestinationBucketName: <log bucket>, LogFilePrefix: <prefix> }.'
            : view.resource.tool === 'terraform'
              ? 'Add an aws_s3_bucket_logging resource with bucket = this bucket and target_bucket = the log bucket.'
              : 'Compose a BucketLogging resource for the bucket with a target bucket.',
      },
    ];
  },
};

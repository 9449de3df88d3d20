import type { Resource } from '../iac/resource-model.js';

/**
 * The AWS resource kinds the policy rules understand, with their name in each tool. A rule checks
 * a concept (encryption, public access ...) on a kind; this table is how three tools meet.
 * `taggable` says whether the resource's schema accepts tags (checked against the Terraform AWS
 * provider docs, the CloudFormation resource spec and the upjet CRDs in ../shared/crds); kinds
 * not listed here are not checked for tags. Documented in docs/policy.md.
 */
export interface KindEntry {
  kind: string;
  terraform?: string;
  cloudformation?: string;
  /** Upjet group prefix (before `.aws.upbound.io` / `.aws.m.upbound.io`) and kind. */
  crossplane?: { group: string; kind: string };
  taggable: boolean;
  /** Holds data that a delete would lose. */
  stateful: boolean;
}

/** Every kind the rules know, one line each. */
export const CATALOGUE: readonly KindEntry[] = [
  {
    kind: 's3-bucket',
    terraform: 'aws_s3_bucket',
    cloudformation: 'AWS::S3::Bucket',
    crossplane: { group: 's3', kind: 'Bucket' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 's3-public-access-block',
    terraform: 'aws_s3_bucket_public_access_block',
    crossplane: { group: 's3', kind: 'BucketPublicAccessBlock' },
    taggable: false,
    stateful: false,
  },
  {
    kind: 's3-versioning',
    terraform: 'aws_s3_bucket_versioning',
    crossplane: { group: 's3', kind: 'BucketVersioning' },
    taggable: false,
    stateful: false,
  },
  {
    kind: 's3-encryption',
    terraform: 'aws_s3_bucket_server_side_encryption_configuration',
    crossplane: { group: 's3', kind: 'BucketServerSideEncryptionConfiguration' },
    taggable: false,
    stateful: false,
  },
  {
    kind: 'rds-instance',
    terraform: 'aws_db_instance',
    cloudformation: 'AWS::RDS::DBInstance',
    crossplane: { group: 'rds', kind: 'Instance' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 'rds-cluster',
    terraform: 'aws_rds_cluster',
    cloudformation: 'AWS::RDS::DBCluster',
    crossplane: { group: 'rds', kind: 'Cluster' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 'rds-parameter-group',
    terraform: 'aws_db_parameter_group',
    cloudformation: 'AWS::RDS::DBParameterGroup',
    crossplane: { group: 'rds', kind: 'ParameterGroup' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'rds-cluster-parameter-group',
    terraform: 'aws_rds_cluster_parameter_group',
    cloudformation: 'AWS::RDS::DBClusterParameterGroup',
    crossplane: { group: 'rds', kind: 'ClusterParameterGroup' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'keyspaces-keyspace',
    terraform: 'aws_keyspaces_keyspace',
    cloudformation: 'AWS::Cassandra::Keyspace',
    crossplane: { group: 'keyspaces', kind: 'Keyspace' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 'keyspaces-table',
    terraform: 'aws_keyspaces_table',
    cloudformation: 'AWS::Cassandra::Table',
    crossplane: { group: 'keyspaces', kind: 'Table' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 'dynamodb-table',
    terraform: 'aws_dynamodb_table',
    cloudformation: 'AWS::DynamoDB::Table',
    crossplane: { group: 'dynamodb', kind: 'Table' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 'kms-key',
    terraform: 'aws_kms_key',
    cloudformation: 'AWS::KMS::Key',
    crossplane: { group: 'kms', kind: 'Key' },
    taggable: true,
    stateful: true,
  },
  {
    kind: 'security-group',
    terraform: 'aws_security_group',
    cloudformation: 'AWS::EC2::SecurityGroup',
    crossplane: { group: 'ec2', kind: 'SecurityGroup' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'security-group-rule',
    terraform: 'aws_security_group_rule',
    crossplane: { group: 'ec2', kind: 'SecurityGroupRule' },
    taggable: false,
    stateful: false,
  },
  {
    kind: 'security-group-ingress',
    terraform: 'aws_vpc_security_group_ingress_rule',
    cloudformation: 'AWS::EC2::SecurityGroupIngress',
    crossplane: { group: 'ec2', kind: 'SecurityGroupIngressRule' },
    taggable: false,
    stateful: false,
  },
  {
    kind: 'subnet',
    terraform: 'aws_subnet',
    cloudformation: 'AWS::EC2::Subnet',
    crossplane: { group: 'ec2', kind: 'Subnet' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'vpc',
    terraform: 'aws_vpc',
    cloudformation: 'AWS::EC2::VPC',
    crossplane: { group: 'ec2', kind: 'VPC' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'ec2-instance',
    terraform: 'aws_instance',
    cloudformation: 'AWS::EC2::Instance',
    crossplane: { group: 'ec2', kind: 'Instance' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'launch-template',
    terraform: 'aws_launch_template',
    crossplane: { group: 'ec2', kind: 'LaunchTemplate' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'iam-role',
    terraform: 'aws_iam_role',
    cloudformation: 'AWS::IAM::Role',
    crossplane: { group: 'iam', kind: 'Role' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'sqs-queue',
    terraform: 'aws_sqs_queue',
    cloudformation: 'AWS::SQS::Queue',
    crossplane: { group: 'sqs', kind: 'Queue' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'cloudwatch-alarm',
    terraform: 'aws_cloudwatch_metric_alarm',
    cloudformation: 'AWS::CloudWatch::Alarm',
    crossplane: { group: 'cloudwatch', kind: 'MetricAlarm' },
    taggable: true,
    stateful: false,
  },
  {
    kind: 'elasticache-replication-group',
    terraform: 'aws_elasticache_replication_group',
    cloudformation: 'AWS::ElastiCache::ReplicationGroup',
    crossplane: { group: 'elasticache', kind: 'ReplicationGroup' },
    taggable: true,
    stateful: false,
  },
  /** Not taggable here: CloudFormation's Listener has no Tags property (Terraform's and upjet's do). */
  {
    kind: 'lb-listener',
    terraform: 'aws_lb_listener',
    cloudformation: 'AWS::ElasticLoadBalancingV2::Listener',
    crossplane: { group: 'elbv2', kind: 'LBListener' },
    taggable: false,
    stateful: false,
  },
  { kind: 'lb-listener', terraform: 'aws_alb_listener', taggable: false, stateful: false },
  {
    kind: 'secret',
    terraform: 'aws_secretsmanager_secret',
    cloudformation: 'AWS::SecretsManager::Secret',
    crossplane: { group: 'secretsmanager', kind: 'Secret' },
    taggable: true,
    stateful: true,
  },
];

const UPJET_GROUP = /^([a-z0-9]+)\.aws(\.m)?\.upbound\.io$/;

/** The upjet group prefix and whether the resource is a v2 namespaced (`*.aws.m.upbound.io`) one. */
export function upjetGroup(resource: Resource): { service: string; namespaced: boolean } | undefined {
  const apiVersion = resource.apiVersion ?? resource.type.split('/').slice(0, -1).join('/');
  const match = UPJET_GROUP.exec(apiVersion.split('/')[0] ?? '');
  return match ? { service: match[1], namespaced: match[2] !== undefined } : undefined;
}

/** The catalogue entry of a resource, when the rules know its kind. */
export function kindOf(resource: Resource): KindEntry | undefined {
  if (resource.tool === 'terraform') return CATALOGUE.find((entry) => entry.terraform === resource.type);
  if (resource.tool === 'cloudformation')
    return CATALOGUE.find((entry) => entry.cloudformation === resource.type);
  const group = upjetGroup(resource);
  const kind = resource.kind ?? resource.type.split('/').pop();
  if (!group) return undefined;
  return CATALOGUE.find(
    (entry) => entry.crossplane?.group === group.service && entry.crossplane.kind === kind,
  );
}

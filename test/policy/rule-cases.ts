/**
 * One passing and one failing fixture per rule and tool, as small source texts. Each is parsed by
 * the real parser (src/iac/parse.ts) and judged in prod.
 */
export interface RuleCase {
  rule: string;
  tool: 'cloudformation' | 'terraform' | 'crossplane';
  pass: string;
  fail: string;
  /** The name the texts are parsed under, when not fileNameOf(tool). */
  fileName?: string;
}

const cfn = (resources: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  team:
    Type: String
  environment:
    Type: String
Resources:
${resources
  .trim()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
`;

const cfnResource = (type: string, properties: string, attributes = ''): string =>
  cfn(`Thing:
  Type: ${type}
${attributes ? `${attributes}\n` : ''}  Properties:
${properties
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}`);

const tf = (body: string): string => `variable "team" {
  type = string
}
variable "environment" {
  type = string
}
${body.trim()}
`;

const mr = (
  apiVersion: string,
  kind: string,
  forProvider: string,
  spec = '',
  name = 'prod-payments-thing',
): string => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: ${name}
spec:
${spec ? `${spec}\n` : ''}  forProvider:
${forProvider
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`;

const goodTagsCfn = `Tags:
  - Key: team
    Value: !Ref team
  - Key: environment
    Value: !Ref environment
  - Key: managed-by
    Value: infrakit`;

/** A hard-coded key in a Terraform provider block (found through ParsedSource.settings). */
export const PROVIDER_SECRET_CASE: RuleCase = {
  rule: 'IK-SEC-001',
  tool: 'terraform',
  pass: 'provider "aws" {\n  region = "us-east-1"\n  profile = var.profile\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
  fail: 'provider "aws" {\n  region = "us-east-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
};

import { DEPTH_RULE_CASES } from './depth-rule-cases.js';
/** An XRD whose parameter deletionProtection has `extra` (e.g. a default), and a Composition patching it into an RDS instance. */
export const optionalPatchComposition = (extra: string): string => `apiVersion: apiextensions.crossplane.io/v1
kind: CompositeResourceDefinition
metadata:
  name: xdatabases.platform.acme.com
spec:
  group: platform.acme.com
  names:
    kind: XDatabase
    plural: xdatabases
  versions:
    - name: v1alpha1
      served: true
      referenceable: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                parameters:
                  type: object
                  properties:
                    deletionProtection:
                      type: boolean${extra}
---
apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: databases
spec:
  compositeTypeRef:
    apiVersion: platform.acme.com/v1alpha1
    kind: XDatabase
  resources:
    - name: db
      base:
        apiVersion: rds.aws.upbound.io/v1beta1
        kind: Instance
        spec:
          forProvider:
            region: us-east-1
      patches:
        - type: FromCompositeFieldPath
          fromFieldPath: spec.parameters.deletionProtection
          toFieldPath: spec.forProvider.deletionProtection
`;

export const RULE_CASES: RuleCase[] = [
  // tags
  {
    rule: 'IK-TAG-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::EC2::VPC', `CidrBlock: 10.0.0.0/16\n${goodTagsCfn}`),
    fail: cfnResource('AWS::EC2::VPC', 'CidrBlock: 10.0.0.0/16'),
  },
  {
    rule: 'IK-TAG-001',
    tool: 'terraform',
    pass: tf(
      'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags = {\n    team = var.team\n    environment = var.environment\n    managed-by = "infrakit"\n  }\n}',
    ),
    fail: tf('resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}'),
  },
  {
    rule: 'IK-TAG-001',
    tool: 'crossplane',
    pass: mr(
      'ec2.aws.upbound.io/v1beta1',
      'VPC',
      'region: us-east-1\ntags:\n  team: "{{ team }}"\n  environment: "{{ environment }}"\n  managed-by: infrakit',
    ),
    fail: mr('ec2.aws.upbound.io/v1beta1', 'VPC', 'region: us-east-1'),
  },
  {
    rule: 'IK-TAG-002',
    tool: 'cloudformation',
    pass: cfnResource('AWS::EC2::VPC', `CidrBlock: 10.0.0.0/16\n${goodTagsCfn}`),
    fail: cfnResource('AWS::EC2::VPC', 'CidrBlock: 10.0.0.0/16\nTags:\n  - Key: team\n    Value: payments'),
  },
  {
    rule: 'IK-TAG-002',
    tool: 'terraform',
    pass: tf('resource "aws_vpc" "main" {\n  tags = {\n    team = var.team\n  }\n}'),
    fail: tf(
      'resource "aws_vpc" "main" {\n  tags = {\n    team = "payments"\n    managed-by = "someone"\n  }\n}',
    ),
  },
  // naming
  {
    rule: 'IK-NAME-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::S3::Bucket', "BucketName: !Sub '${environment}-payments-reports'"),
    fail: cfnResource('AWS::S3::Bucket', 'BucketName: reports'),
  },
  {
    rule: 'IK-NAME-001',
    tool: 'terraform',
    pass: tf('resource "aws_s3_bucket" "reports" {\n  bucket = "${var.environment}-payments-reports"\n}'),
    fail: tf('resource "aws_s3_bucket" "reports" {\n  bucket = "reports"\n}'),
  },
  {
    rule: 'IK-NAME-001',
    tool: 'crossplane',
    pass: mr('keyspaces.aws.upbound.io/v1beta1', 'Keyspace', 'region: us-east-1', '', 'prod_payments_orders'),
    fail: mr('keyspaces.aws.upbound.io/v1beta1', 'Keyspace', 'region: us-east-1', '', 'orders'),
  },
  {
    rule: 'IK-NAME-002',
    tool: 'cloudformation',
    pass: cfnResource('AWS::Cassandra::Keyspace', 'KeyspaceName: prod_payments_orders'),
    fail: cfnResource('AWS::Cassandra::Keyspace', 'KeyspaceName: prod-payments-orders'),
  },
  {
    rule: 'IK-NAME-002',
    tool: 'terraform',
    pass: tf('resource "aws_s3_bucket" "reports" {\n  bucket = "prod-payments-reports"\n}'),
    fail: tf('resource "aws_s3_bucket" "reports" {\n  bucket = "Prod-Payments-Reports"\n}'),
  },
  {
    rule: 'IK-NAME-002',
    tool: 'crossplane',
    pass: mr('keyspaces.aws.upbound.io/v1beta1', 'Keyspace', 'region: us-east-1', '', 'prod_payments_orders'),
    fail: mr('keyspaces.aws.upbound.io/v1beta1', 'Keyspace', 'region: us-east-1', '', 'prod-payments-orders'),
  },
  // encryption
  {
    rule: 'IK-ENC-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::RDS::DBInstance', 'StorageEncrypted: true'),
    fail: cfnResource('AWS::RDS::DBInstance', 'StorageEncrypted: false'),
  },
  {
    rule: 'IK-ENC-001',
    tool: 'terraform',
    pass: tf('resource "aws_db_instance" "db" {\n  storage_encrypted = true\n}'),
    fail: tf('resource "aws_db_instance" "db" {\n  engine = "postgres"\n}'),
  },
  {
    rule: 'IK-ENC-001',
    tool: 'crossplane',
    pass: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'storageEncrypted: true'),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'storageEncrypted: false'),
  },
  {
    rule: 'IK-ENC-002',
    tool: 'cloudformation',
    pass: cfnResource(
      'AWS::Cassandra::Table',
      'EncryptionSpecification:\n  EncryptionType: CUSTOMER_MANAGED_KMS_KEY\n  KmsKeyIdentifier: !GetAtt Key.Arn',
    ),
    fail: cfnResource(
      'AWS::Cassandra::Table',
      'EncryptionSpecification:\n  EncryptionType: AWS_OWNED_KMS_KEY',
    ),
  },
  {
    rule: 'IK-ENC-002',
    tool: 'terraform',
    pass: tf(
      'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\nresource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n      kms_master_key_id = aws_kms_key.k.arn\n    }\n  }\n}',
    ),
    fail: tf('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}'),
  },
  {
    rule: 'IK-ENC-002',
    tool: 'crossplane',
    pass: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'storageEncrypted: true\nkmsKeyIdRef:\n  name: key'),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'storageEncrypted: true'),
  },
  // public access
  {
    rule: 'IK-PUB-001',
    tool: 'cloudformation',
    pass: cfnResource(
      'AWS::S3::Bucket',
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true',
    ),
    fail: cfnResource(
      'AWS::S3::Bucket',
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: false\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true',
    ),
  },
  {
    rule: 'IK-PUB-001',
    tool: 'terraform',
    pass: tf(
      'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}',
    ),
    fail: tf('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}'),
  },
  {
    rule: 'IK-PUB-001',
    tool: 'crossplane',
    pass: `${mr('s3.aws.upbound.io/v1beta1', 'Bucket', 'region: us-east-1')}---\n${mr('s3.aws.upbound.io/v1beta1', 'BucketPublicAccessBlock', 'region: us-east-1\nbucketRef:\n  name: prod-payments-thing\nblockPublicAcls: true\nblockPublicPolicy: true\nignorePublicAcls: true\nrestrictPublicBuckets: true', '', 'block')}`,
    fail: `${mr('s3.aws.upbound.io/v1beta1', 'Bucket', 'region: us-east-1')}---\n${mr('s3.aws.upbound.io/v1beta1', 'BucketPublicAccessBlock', 'region: us-east-1\nbucketRef:\n  name: prod-payments-thing\nblockPublicAcls: false\nblockPublicPolicy: true\nignorePublicAcls: true\nrestrictPublicBuckets: true', '', 'block')}`,
  },
  {
    rule: 'IK-PUB-002',
    tool: 'cloudformation',
    pass: cfnResource('AWS::RDS::DBInstance', 'PubliclyAccessible: false'),
    fail: cfnResource('AWS::RDS::DBInstance', 'PubliclyAccessible: true'),
  },
  {
    rule: 'IK-PUB-002',
    tool: 'terraform',
    pass: tf('resource "aws_db_instance" "db" {\n  publicly_accessible = false\n}'),
    fail: tf('resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}'),
  },
  {
    rule: 'IK-PUB-002',
    tool: 'crossplane',
    pass: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'publiclyAccessible: false'),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'publiclyAccessible: true'),
  },
  {
    rule: 'IK-PUB-003',
    tool: 'cloudformation',
    pass: cfnResource(
      'AWS::EC2::SecurityGroup',
      'GroupDescription: x\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 10.0.0.0/16',
    ),
    fail: cfnResource(
      'AWS::EC2::SecurityGroup',
      'GroupDescription: x\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: 0.0.0.0/0',
    ),
  },
  {
    rule: 'IK-PUB-003',
    tool: 'terraform',
    pass: tf('resource "aws_vpc_security_group_ingress_rule" "r" {\n  cidr_ipv4 = "10.0.0.0/16"\n}'),
    fail: tf('resource "aws_vpc_security_group_ingress_rule" "r" {\n  cidr_ipv4 = "0.0.0.0/0"\n}'),
  },
  {
    rule: 'IK-PUB-003',
    tool: 'crossplane',
    pass: mr('ec2.aws.upbound.io/v1beta1', 'SecurityGroupRule', 'type: ingress\ncidrBlocks: ["10.0.0.0/16"]'),
    fail: mr('ec2.aws.upbound.io/v1beta1', 'SecurityGroupRule', 'type: ingress\ncidrBlocks: ["0.0.0.0/0"]'),
  },
  {
    rule: 'IK-PUB-004',
    tool: 'cloudformation',
    pass: cfnResource('AWS::EC2::Subnet', 'MapPublicIpOnLaunch: false'),
    fail: cfnResource('AWS::EC2::Subnet', 'MapPublicIpOnLaunch: true'),
  },
  {
    rule: 'IK-PUB-004',
    tool: 'terraform',
    pass: tf('resource "aws_instance" "i" {\n  associate_public_ip_address = false\n}'),
    fail: tf('resource "aws_instance" "i" {\n  associate_public_ip_address = true\n}'),
  },
  {
    rule: 'IK-PUB-004',
    tool: 'crossplane',
    pass: mr('ec2.aws.upbound.io/v1beta1', 'Subnet', 'mapPublicIpOnLaunch: false'),
    fail: mr('ec2.aws.upbound.io/v1beta1', 'Subnet', 'mapPublicIpOnLaunch: true'),
  },
  // deletion safety
  {
    rule: 'IK-DEL-001',
    tool: 'cloudformation',
    pass: cfnResource(
      'AWS::DynamoDB::Table',
      'BillingMode: PAY_PER_REQUEST',
      'DeletionPolicy: Retain\nUpdateReplacePolicy: Retain'
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    ),
    fail: cfnResource('AWS::DynamoDB::Table', 'BillingMode: PAY_PER_REQUEST'),
  },
  {
    rule: 'IK-DEL-001',
    tool: 'terraform',
    pass: tf('resource "aws_db_instance" "db" {\n  deletion_protection = true\n}'),
    fail: tf('resource "aws_db_instance" "db" {\n  deletion_protection = false\n}'),
  },
  {
    rule: 'IK-DEL-001',
    tool: 'crossplane',
    pass: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'storageEncrypted: true', '  deletionPolicy: Orphan'),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'storageEncrypted: true', '  deletionPolicy: Delete'),
  },
  {
    rule: 'IK-DEL-001',
    tool: 'crossplane',
    pass: mr(
      'rds.aws.m.upbound.io/v1beta1',
      'Instance',
      'storageEncrypted: true',
      '  managementPolicies: ["Observe", "Create", "Update", "LateInitialize"]',
    ),
    fail: mr('rds.aws.m.upbound.io/v1beta1', 'Instance', 'storageEncrypted: true'),
  },
  // backups, PITR, multi-AZ, versioning
  {
    rule: 'IK-BAK-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::RDS::DBInstance', 'BackupRetentionPeriod: 7'),
    fail: cfnResource('AWS::RDS::DBInstance', 'BackupRetentionPeriod: 0'),
  },
  {
    rule: 'IK-BAK-001',
    tool: 'terraform',
    pass: tf('resource "aws_db_instance" "db" {\n  backup_retention_period = 14\n}'),
    fail: tf('resource "aws_db_instance" "db" {\n  backup_retention_period = 0\n}'),
  },
  {
    rule: 'IK-BAK-001',
    tool: 'crossplane',
    pass: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'backupRetentionPeriod: 7'),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'backupRetentionPeriod: 0'),
  },
  {
    rule: 'IK-BAK-002',
    tool: 'cloudformation',
    pass: cfnResource(
      'AWS::DynamoDB::Table',
      'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true',
    ),
    fail: cfnResource('AWS::DynamoDB::Table', 'BillingMode: PAY_PER_REQUEST'),
  },
  {
    rule: 'IK-BAK-002',
    tool: 'terraform',
    pass: tf(
      'resource "aws_keyspaces_table" "t" {\n  point_in_time_recovery {\n    status = "ENABLED"\n  }\n}',
    ),
    fail: tf(
      'resource "aws_keyspaces_table" "t" {\n  point_in_time_recovery {\n    status = "DISABLED"\n  }\n}',
    ),
  },
  {
    rule: 'IK-BAK-002',
    tool: 'crossplane',
    pass: mr('keyspaces.aws.upbound.io/v1beta1', 'Table', 'pointInTimeRecovery:\n  - status: ENABLED'),
    fail: mr('keyspaces.aws.upbound.io/v1beta1', 'Table', 'tableName: orders'),
  },
  {
    rule: 'IK-HA-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::RDS::DBInstance', 'MultiAZ: true'),
    fail: cfnResource('AWS::RDS::DBInstance', 'MultiAZ: false'),
  },
  {
    rule: 'IK-HA-001',
    tool: 'terraform',
    pass: tf('resource "aws_db_instance" "db" {\n  multi_az = true\n}'),
    fail: tf('resource "aws_db_instance" "db" {\n  multi_az = false\n}'),
  },
  {
    rule: 'IK-HA-001',
    tool: 'crossplane',
    pass: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'multiAz: true'),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'multiAz: false'),
  },
  {
    rule: 'IK-VER-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::S3::Bucket', 'VersioningConfiguration:\n  Status: Enabled'),
    fail: cfnResource('AWS::S3::Bucket', 'VersioningConfiguration:\n  Status: Suspended'),
  },
  {
    rule: 'IK-VER-001',
    tool: 'terraform',
    pass: tf(
      'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\nresource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
    ),
    fail: tf('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}'),
  },
  {
    rule: 'IK-VER-001',
    tool: 'crossplane',
    pass: `${mr('s3.aws.upbound.io/v1beta1', 'Bucket', 'region: us-east-1')}---\n${mr('s3.aws.upbound.io/v1beta1', 'BucketVersioning', 'region: us-east-1\nbucketRef:\n  name: prod-payments-thing\nversioningConfiguration:\n  - status: Enabled', '', 'versioning')}`,
    fail: mr('s3.aws.upbound.io/v1beta1', 'Bucket', 'region: us-east-1'),
  },
  // secrets
  {
    rule: 'IK-SEC-001',
    tool: 'cloudformation',
    pass: cfnResource(
      'AWS::RDS::DBInstance',
      "MasterUserPassword: '{{resolve:secretsmanager:orders-db:SecretString:password}}'",
    ),
    fail: cfnResource('AWS::RDS::DBInstance', 'MasterUserPassword: hunter2hunter2'),
  },
  {
    rule: 'IK-SEC-001',
    tool: 'terraform',
    pass: tf('resource "aws_db_instance" "db" {\n  manage_master_user_password = true\n}'),
    fail: tf('resource "aws_db_instance" "db" {\n  password = "hunter2hunter2"\n}'),
  },
  {
    rule: 'IK-SEC-001',
    tool: 'crossplane',
    pass: mr(
      'rds.aws.upbound.io/v1beta1',
      'Instance',
      'passwordSecretRef:\n  name: db\n  key: password\n  namespace: default',
    ),
    fail: mr('rds.aws.upbound.io/v1beta1', 'Instance', 'username: admin\nmasterPassword: hunter2hunter2'),
  },
  PROVIDER_SECRET_CASE,
  // embedded suppressions
  {
    rule: 'IK-SUP-001',
    tool: 'cloudformation',
    pass: cfnResource('AWS::EC2::VPC', 'CidrBlock: 10.0.0.0/16'),
    fail: cfnResource(
      'AWS::EC2::VPC',
      'CidrBlock: 10.0.0.0/16',
      '  Metadata:\n    cfn-lint:\n      config:\n        ignore_checks: [E3012]\n    checkov:\n      skip:\n        - id: CKV_AWS_1 # checkov:skip=CKV_AWS_1',
    ),
  },
  {
    rule: 'IK-SUP-001',
    tool: 'terraform',
    pass: tf('resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}'),
    fail: tf(
      'resource "aws_vpc" "v" {\n  #checkov:skip=CKV2_AWS_11: no flow logs\n  # tfsec:ignore:aws-ec2-require-vpc-flow-logs-for-all-vpcs\n  # trivy:ignore:AVD-AWS-0178\n  # kics-scan ignore-line\n  cidr_block = "10.0.0.0/16" # nosec\n}',
    ),
  },
  {
    rule: 'IK-SUP-001',
    tool: 'crossplane',
    pass: mr('ec2.aws.upbound.io/v1beta1', 'VPC', 'region: us-east-1'),
    fail: mr('ec2.aws.upbound.io/v1beta1', 'VPC', 'region: us-east-1').replace(
      /^metadata:\n/m,
      'metadata:\n  annotations:\n    crossplane.io/paused: "true"\n',
    ),
  },
  // version pinning
  {
    rule: 'IK-PIN-001',
    tool: 'terraform',
    pass: 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    fail: 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
  },
  {
    rule: 'IK-PIN-001',
    tool: 'crossplane',
    pass: 'apiVersion: pkg.crossplane.io/v1beta1\nkind: Function\nmetadata:\n  name: function-go-templating\nspec:\n  package: xpkg.upbound.io/crossplane-contrib/function-go-templating:v0.12.2\n',
    fail: 'apiVersion: pkg.crossplane.io/v1beta1\nkind: Function\nmetadata:\n  name: function-go-templating\nspec:\n  package: xpkg.upbound.io/crossplane-contrib/function-go-templating:latest\n',
  },
  // composition mode
  {
    rule: 'IK-COMP-001',
    tool: 'crossplane',
    pass: 'apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nmetadata:\n  name: c\nspec:\n  compositeTypeRef:\n    apiVersion: platform.acme.com/v1alpha1\n    kind: X\n  mode: Pipeline\n  pipeline: []\n',
    fail: 'apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nmetadata:\n  name: c\nspec:\n  compositeTypeRef:\n    apiVersion: platform.acme.com/v1alpha1\n    kind: X\n  mode: Resources\n  resources: []\n',
  },
  ...DEPTH_RULE_CASES,
  // a safety setting only an Optional patch writes
  {
    rule: 'IK-PATCH-001',
    tool: 'crossplane',
    pass: optionalPatchComposition('\n                      default: true'),
    fail: optionalPatchComposition(''),
  },
];

/** The file name a case is parsed under (the parser detects the tool from it). */
export const fileNameOf = (tool: RuleCase['tool']): string =>
  tool === 'terraform' ? 'main.tf' : tool === 'cloudformation' ? 'template.yaml' : 'manifests.yaml';

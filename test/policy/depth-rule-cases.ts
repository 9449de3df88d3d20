/**
 * Failing and golden fixtures for the rules of issue 19 (deeper checks). Each is small and written
 * after the shape of public code: terraform-aws-modules (variables, outputs, versions.tf), the AWS
 * CloudFormation sample templates (Parameters/Outputs with Export), and upbound/configuration-*
 * XRDs and Patch-and-Transform compositions. Judged in prod by rules.test.ts.
 */
export interface DepthRuleCase {
  rule: string;
  tool: 'cloudformation' | 'terraform' | 'crossplane';
  pass: string;
  fail: string;
  /** The name the texts are parsed under, when the default for the tool does not fit (a module file). */
  fileName?: string;
}

const cfn = (body: string): string => `AWSTemplateFormatVersion: '2010-09-09'\n${body.trim()}\n`;

const tfBucket = (name: string) => `resource "aws_s3_bucket" "${name}" {\n  bucket = "example-${name}"\n}\n`;

const tlsDeny = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::example-logs","arn:aws:s3:::example-logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`;

const xrd = (parameters: string, extra = '') => `apiVersion: apiextensions.crossplane.io/v1
kind: CompositeResourceDefinition
metadata:
  name: xbuckets.platform.acme.com
spec:
  group: platform.acme.com
  names:
    kind: XBucket
    plural: xbuckets
${extra}  versions:
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
${parameters
  .trim()
  .split('\n')
  .map((line) => `                    ${line}`)
  .join('\n')}
            status:
              type: object
              properties:
                arn:
                  type: string
                  description: ARN of the bucket.
`;

const composition = (patches: string, extra = '') => `---
apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: xbuckets-aws
spec:
  compositeTypeRef:
    apiVersion: platform.acme.com/v1alpha1
    kind: XBucket
${extra}  mode: Pipeline
  pipeline:
    - step: patch-and-transform
      functionRef:
        name: function-patch-and-transform
      input:
        apiVersion: pt.fn.crossplane.io/v1beta1
        kind: Resources
        resources:
          - name: instance
            base:
              apiVersion: rds.aws.upbound.io/v1beta1
              kind: Instance
              spec:
                forProvider:
                  region: us-east-1
            patches:
${patches
  .trim()
  .split('\n')
  .map((line) => `              ${line}`)
  .join('\n')}
`;

const statusPatch = `- type: ToCompositeFieldPath
  fromFieldPath: status.atProvider.arn
  toFieldPath: status.arn`;

export const DEPTH_RULE_CASES: DepthRuleCase[] = [
  {
    rule: 'IK-TF-001',
    tool: 'terraform',
    pass: `terraform {\n  required_version = ">= 1.6.0, < 2.0.0"\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
    fail: `terraform {\n  required_version = ">= 1.6.0"\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
  },
  {
    rule: 'IK-TF-002',
    tool: 'terraform',
    pass: `variable "environment" {\n  description = "Target environment."\n  type = string\n  validation {\n    condition = contains(["dev", "staging", "prod"], var.environment)\n    error_message = "environment must be dev, staging or prod."\n  }\n}\n`,
    fail: `variable "environment" {\n  default = "dev"\n}\n`,
  },
  {
    rule: 'IK-TF-002',
    tool: 'terraform',
    pass: `output "bucket_arn" {\n  description = "ARN of the bucket."\n  value = "arn:aws:s3:::example"\n}\n`,
    fail: `output "bucket_arn" {\n  value = "arn:aws:s3:::example"\n}\n`,
  },
  {
    rule: 'IK-SEC-002',
    tool: 'terraform',
    pass: `variable "master_password" {\n  description = "Password for the master DB user."\n  type = string\n  sensitive = true\n}\noutput "db_instance_password" {\n  description = "The database password."\n  value = var.master_password\n  sensitive = true\n}\n`,
    fail: `variable "master_password" {\n  description = "Password for the master DB user."\n  type = string\n}\noutput "db_instance_password" {\n  description = "The database password."\n  value = var.master_password\n}\n`,
  },
  {
    rule: 'IK-SEC-002',
    tool: 'cloudformation',
    pass: cfn(
      `Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Description: Database admin password.\n    MinLength: 8\nResources: {}`,
    ),
    fail: cfn(
      `Parameters:\n  DBPassword:\n    Type: String\n    Description: Database admin password.\n    MinLength: 8\nResources: {}`,
    ),
  },
  {
    rule: 'IK-TF-004',
    tool: 'terraform',
    fileName: 'modules/bucket/main.tf',
    pass: tfBucket('logs'),
    fail: `terraform {\n  backend "s3" {\n    bucket = "state"\n    key = "bucket.tfstate"\n  }\n}\nprovider "aws" {\n  region = "us-east-1"\n}\n${tfBucket('logs')}`,
  },
  {
    rule: 'IK-CFN-001',
    tool: 'cloudformation',
    pass: cfn(
      `Parameters:\n  Environment:\n    Type: String\n    Description: Target environment.\n    AllowedValues: [dev, staging, prod]\nResources: {}`,
    ),
    fail: cfn(`Parameters:\n  Environment:\n    Type: String\nResources: {}`),
  },
  {
    rule: 'IK-CFN-002',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nOutputs:\n  BucketName:\n    Description: Name of the bucket.\n    Value: !Ref Bucket\n    Export:\n      Name: !Sub '\${AWS::StackName}-BucketName'`,
    ),
    fail: cfn(
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nOutputs:\n  BucketName:\n    Value: !Ref Bucket`,
    ),
  },
  {
    rule: 'IK-SEC-003',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: app\n      MasterUserPassword: '{{resolve:secretsmanager:prod/app/db:SecretString:password}}'`,
    ),
    fail: cfn(
      `Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\nResources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: app\n      MasterUserPassword: !Ref DBPassword`,
    ),
  },
  {
    rule: 'IK-ACCT-001',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      ManagedPolicyArns:\n        - !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/app'`,
    ),
    fail: cfn(
      `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      ManagedPolicyArns:\n        - arn:aws:iam::123456789012:policy/app`,
    ),
  },
  {
    rule: 'IK-ACCT-001',
    tool: 'terraform',
    pass: `resource "aws_iam_role_policy_attachment" "a" {\n  role = "app"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n`,
    fail: `resource "aws_iam_role_policy_attachment" "a" {\n  role = "app"\n  policy_arn = "arn:aws:iam::123456789012:policy/app"\n}\n`,
  },
  {
    rule: 'IK-IAM-001',
    tool: 'terraform',
    pass: `resource "aws_iam_policy" "read" {\n  name = "read"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Action = ["s3:GetObject"]\n      Resource = ["arn:aws:s3:::example-logs/*"]\n    }]\n  })\n}\n`,
    fail: `resource "aws_iam_policy" "admin" {\n  name = "admin"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Action = ["*"]\n      Resource = ["*"]\n    }]\n  })\n}\n`,
  },
  {
    rule: 'IK-IAM-001',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: [s3:GetObject]\n            Resource: arn:aws:s3:::example-logs/*`,
    ),
    fail: cfn(
      `Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: 's3:*'\n            Resource: '*'`,
    ),
  },
  {
    rule: 'IK-TLS-001',
    tool: 'terraform',
    pass: `${tfBucket('logs')}resource "aws_s3_bucket_policy" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  policy = data.aws_iam_policy_document.tls.json\n}\ndata "aws_iam_policy_document" "tls" {\n  statement {\n    sid = "DenyInsecureTransport"\n    effect = "Deny"\n    actions = ["s3:*"]\n    resources = [aws_s3_bucket.logs.arn, "\${aws_s3_bucket.logs.arn}/*"]\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test = "Bool"\n      variable = "aws:SecureTransport"\n      values = ["false"]\n    }\n  }\n}\n`,
    fail: tfBucket('logs'),
  },
  {
    rule: 'IK-TLS-001',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  BucketPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Bucket\n      PolicyDocument:\n        Statement:\n          - Effect: Deny\n            Principal: '*'\n            Action: 's3:*'\n            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']\n            Condition:\n              Bool:\n                aws:SecureTransport: 'false'`,
    ),
    fail: cfn(`Resources:\n  Bucket:\n    Type: AWS::S3::Bucket`),
  },
  {
    rule: 'IK-TLS-001',
    tool: 'crossplane',
    pass: `apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\nmetadata:\n  name: example-logs\nspec:\n  forProvider:\n    region: us-east-1\n---\napiVersion: s3.aws.upbound.io/v1beta1\nkind: BucketPolicy\nmetadata:\n  name: example-logs\nspec:\n  forProvider:\n    region: us-east-1\n    bucketRef:\n      name: example-logs\n    policy: '${tlsDeny}'\n`,
    fail: `apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\nmetadata:\n  name: example-logs\nspec:\n  forProvider:\n    region: us-east-1\n`,
  },
  {
    rule: 'IK-TLS-002',
    tool: 'terraform',
    pass: `resource "aws_db_parameter_group" "postgres" {\n  name = "app-postgres14"\n  family = "postgres14"\n  parameter {\n    name = "rds.force_ssl"\n    value = "1"\n  }\n}\nresource "aws_db_instance" "db" {\n  engine = "postgres"\n  engine_version = "14.10"\n  parameter_group_name = aws_db_parameter_group.postgres.name\n}\n`,
    fail: `resource "aws_db_parameter_group" "postgres" {\n  name = "app-postgres14"\n  family = "postgres14"\n  parameter {\n    name = "log_min_duration_statement"\n    value = "500"\n  }\n}\nresource "aws_db_instance" "db" {\n  engine = "mysql"\n  engine_version = "8.0.35"\n}\n`,
  },
  {
    rule: 'IK-TLS-002',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  ClusterParameters:\n    Type: AWS::RDS::DBClusterParameterGroup\n    Properties:\n      Description: TLS only\n      Family: aurora-mysql8.0\n      Parameters:\n        require_secure_transport: 'ON'\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      DBClusterParameterGroupName: !Ref ClusterParameters`,
    ),
    fail: cfn(
      `Resources:\n  ClusterParameters:\n    Type: AWS::RDS::DBClusterParameterGroup\n    Properties:\n      Description: TLS only\n      Family: aurora-mysql8.0\n      Parameters:\n        require_secure_transport: 'OFF'\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql`,
    ),
  },
  {
    rule: 'IK-TLS-002',
    tool: 'crossplane',
    pass: `apiVersion: rds.aws.upbound.io/v1beta1\nkind: ParameterGroup\nmetadata:\n  name: app-postgres14\nspec:\n  forProvider:\n    region: us-east-1\n    family: postgres14\n    parameter:\n      - name: rds.force_ssl\n        value: "1"\n        applyMethod: pending-reboot\n---\napiVersion: rds.aws.upbound.io/v1beta2\nkind: Instance\nmetadata:\n  name: app\nspec:\n  forProvider:\n    region: us-east-1\n    engine: postgres\n    engineVersion: "14"\n    parameterGroupNameRef:\n      name: app-postgres14\n`,
    fail: `apiVersion: rds.aws.upbound.io/v1beta1\nkind: ParameterGroup\nmetadata:\n  name: app-postgres14\nspec:\n  forProvider:\n    region: us-east-1\n    family: postgres14\n    parameter:\n      - name: application_name\n        value: app\n---\napiVersion: rds.aws.upbound.io/v1beta2\nkind: Instance\nmetadata:\n  name: app\nspec:\n  forProvider:\n    region: us-east-1\n    engine: postgres\n    engineVersion: "14"\n`,
  },
  {
    rule: 'IK-LOG-001',
    tool: 'terraform',
    pass: `resource "aws_db_instance" "db" {\n  engine = "postgres"\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n}\n`,
    fail: `resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n`,
  },
  {
    rule: 'IK-LOG-001',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n        LogFilePrefix: bucket/`,
    ),
    fail: cfn(`Resources:\n  Bucket:\n    Type: AWS::S3::Bucket`),
  },
  {
    rule: 'IK-LIMIT-001',
    tool: 'cloudformation',
    pass: cfn(
      `Parameters:\n  Environment:\n    Type: String\n    AllowedValues: [dev, staging, prod]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '\${Environment}-payments-invoices-\${AWS::AccountId}'`,
    ),
    fail: cfn(
      `Parameters:\n  Environment:\n    Type: String\n    AllowedValues: [dev, staging, prod]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '\${Environment}-payments-customer-invoices-archive-\${AWS::AccountId}-\${AWS::Region}'`,
    ),
  },
  {
    rule: 'IK-LIMIT-001',
    tool: 'terraform',
    pass: `variable "environment" {\n  type = string\n  validation {\n    condition = contains(["dev", "staging", "prod"], var.environment)\n    error_message = "dev, staging or prod"\n  }\n}\nresource "aws_iam_role" "r" {\n  name = "\${var.environment}-payments-invoice-processor"\n  assume_role_policy = "{}"\n}\n`,
    fail: `variable "team" {\n  type = string\n  validation {\n    condition = length(var.team) <= 40\n    error_message = "at most 40 characters"\n  }\n}\nresource "aws_iam_role" "r" {\n  name = "\${var.team}-invoice-processor-lambda-execution"\n  assume_role_policy = "{}"\n}\n`,
  },
  {
    rule: 'IK-LIMIT-002',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      LifecycleConfiguration:\n        Rules:\n          - Id: infrequent\n            Status: Enabled\n            Transitions:\n              - StorageClass: STANDARD_IA\n                TransitionInDays: 30`,
    ),
    fail: cfn(
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      LifecycleConfiguration:\n        Rules:\n          - Id: infrequent\n            Status: Enabled\n            Transitions:\n              - StorageClass: STANDARD_IA\n                TransitionInDays: 7`,
    ),
  },
  {
    rule: 'IK-LIMIT-002',
    tool: 'terraform',
    pass: `resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = "example-logs"\n  rule {\n    id = "infrequent"\n    status = "Enabled"\n    transition {\n      days = 30\n      storage_class = "STANDARD_IA"\n    }\n  }\n}\n`,
    fail: `resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = "example-logs"\n  rule {\n    id = "infrequent"\n    status = "Enabled"\n    transition {\n      days = 10\n      storage_class = "STANDARD_IA"\n    }\n  }\n}\n`,
  },
  {
    rule: 'IK-XRD-001',
    tool: 'crossplane',
    pass: xrd(`region:\n  type: string\n  description: AWS region of the bucket.`),
    fail: xrd(`region:\n  default: us-east-1`),
  },
  {
    rule: 'IK-XRD-002',
    tool: 'crossplane',
    pass: `${xrd(`region:\n  type: string\n  description: AWS region.`)}${composition(`- fromFieldPath: spec.parameters.region\n  toFieldPath: spec.forProvider.region\n${statusPatch}`)}`,
    fail: `${xrd(`region:\n  type: string\n  description: AWS region.\nversioning:\n  type: boolean\n  description: Keep old versions.`)}${composition(`- fromFieldPath: spec.parameters.region\n  toFieldPath: spec.forProvider.region`)}`,
  },
  {
    rule: 'IK-XRD-003',
    tool: 'crossplane',
    pass: `${xrd(`region:\n  type: string\n  description: AWS region.`, '  connectionSecretKeys: [username, password]\n')}${composition(
      `- fromFieldPath: spec.parameters.region\n  toFieldPath: spec.forProvider.region\n${statusPatch}\n`,
      '  writeConnectionSecretsToNamespace: crossplane-system\n',
    ).replace(
      '            patches:',
      '            connectionDetails:\n              - name: username\n                type: FromConnectionSecretKey\n                fromConnectionSecretKey: username\n              - name: password\n                type: FromConnectionSecretKey\n                fromConnectionSecretKey: attribute.password\n            patches:',
    )}`,
    fail: `${xrd(`region:\n  type: string\n  description: AWS region.`, '  connectionSecretKeys: [username, password, endpoint]\n')}${composition(
      `- fromFieldPath: spec.parameters.region\n  toFieldPath: spec.forProvider.region\n${statusPatch}\n`,
    ).replace(
      '            patches:',
      '            connectionDetails:\n              - name: username\n                type: FromConnectionSecretKey\n                fromConnectionSecretKey: username\n            patches:',
    )}`,
  },
  {
    rule: 'IK-ACCT-002',
    tool: 'terraform',
    pass: `data "aws_availability_zones" "available" {\n  state = "available"\n}\nresource "aws_subnet" "a" {\n  vpc_id = "vpc-0123"\n  cidr_block = "10.0.1.0/24"\n  availability_zone = data.aws_availability_zones.available.names[0]\n}\n`,
    fail: `resource "aws_subnet" "a" {\n  vpc_id = "vpc-0123"\n  cidr_block = "10.0.1.0/24"\n  availability_zone = "us-east-1a"\n}\n`,
  },
  {
    rule: 'IK-ACCT-002',
    tool: 'terraform',
    fileName: 'modules/bucket/main.tf',
    pass: tfBucket('logs'),
    fail: `provider "aws" {\n  region = "eu-west-1"\n}\n${tfBucket('logs')}`,
  },
  {
    rule: 'IK-ACCT-002',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-0123\n      CidrBlock: 10.0.1.0/24\n      AvailabilityZone: !Select [0, !GetAZs '']\n  Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-0123\n      ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.s3'`,
    ),
    fail: cfn(
      `Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-0123\n      CidrBlock: 10.0.1.0/24\n      AvailabilityZone: us-east-1a\n  Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-0123\n      ServiceName: com.amazonaws.us-east-1.s3`,
    ),
  },
  {
    rule: 'IK-ACCT-002',
    tool: 'crossplane',
    pass: `${xrd(`region:\n  type: string\n  description: AWS region.`)}${composition(`- fromFieldPath: spec.parameters.region\n  toFieldPath: spec.forProvider.region\n${statusPatch}`)}`,
    fail: `${xrd(`region:\n  type: string\n  description: AWS region.`)}${composition(statusPatch)}`,
  },
  {
    rule: 'IK-MON-001',
    tool: 'terraform',
    pass: `resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  monitoring_interval = 60\n  monitoring_role_arn = aws_iam_role.rds_monitoring.arn\n  performance_insights_enabled = true\n}\nresource "aws_instance" "app" {\n  ami = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  monitoring = true\n}\n`,
    fail: `resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n}\nresource "aws_instance" "app" {\n  ami = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n`,
  },
  {
    rule: 'IK-MON-001',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      MonitoringInterval: 60\n      MonitoringRoleArn: !GetAtt MonitoringRole.Arn`,
    ),
    fail: cfn(
      `Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.m6g.large\n      MonitoringInterval: 60`,
    ),
  },
  {
    rule: 'IK-MON-001',
    tool: 'crossplane',
    pass: `apiVersion: rds.aws.upbound.io/v1beta3\nkind: Instance\nmetadata:\n  name: app\nspec:\n  forProvider:\n    region: us-east-1\n    engine: postgres\n    instanceClass: db.m6g.large\n    monitoringInterval: 30\n    monitoringRoleArnRef:\n      name: rds-monitoring\n    performanceInsightsEnabled: true\n`,
    fail: `apiVersion: rds.aws.upbound.io/v1beta3\nkind: Instance\nmetadata:\n  name: app\nspec:\n  forProvider:\n    region: us-east-1\n    engine: postgres\n    instanceClass: db.m6g.large\n    monitoringInterval: 0\n    performanceInsightsEnabled: false\n`,
  },
  {
    rule: 'IK-MON-002',
    tool: 'terraform',
    pass: `resource "aws_sqs_queue" "jobs" {\n  name = "example-jobs"\n}\nresource "aws_cloudwatch_metric_alarm" "jobs_age" {\n  alarm_name = "example-jobs-age"\n  namespace = "AWS/SQS"\n  metric_name = "ApproximateAgeOfOldestMessage"\n  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods = 1\n  period = 300\n  statistic = "Maximum"\n  threshold = 600\n  dimensions = {\n    QueueName = aws_sqs_queue.jobs.name\n  }\n}\n`,
    fail: `resource "aws_sqs_queue" "jobs" {\n  name = "example-jobs"\n}\nresource "aws_sqs_queue" "other" {\n  name = "example-other"\n}\nresource "aws_cloudwatch_metric_alarm" "other_age" {\n  alarm_name = "example-other-age"\n  namespace = "AWS/SQS"\n  metric_name = "ApproximateAgeOfOldestMessage"\n  comparison_operator = "GreaterThanThreshold"\n  evaluation_periods = 1\n  period = 300\n  statistic = "Maximum"\n  threshold = 600\n  dimensions = {\n    QueueName = aws_sqs_queue.other.name\n  }\n}\n`,
  },
  {
    rule: 'IK-MON-002',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n  FreeStorage:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/RDS\n      MetricName: FreeStorageSpace\n      ComparisonOperator: LessThanThreshold\n      EvaluationPeriods: 1\n      Period: 300\n      Statistic: Minimum\n      Threshold: 2000000000\n      Dimensions:\n        - Name: DBInstanceIdentifier\n          Value: !Ref Database`,
    ),
    fail: cfn(
      `Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres`,
    ),
  },
  {
    rule: 'IK-MON-002',
    tool: 'crossplane',
    pass: `apiVersion: sqs.aws.upbound.io/v1beta1\nkind: Queue\nmetadata:\n  name: example-jobs\nspec:\n  forProvider:\n    region: us-east-1\n---\napiVersion: cloudwatch.aws.upbound.io/v1beta2\nkind: MetricAlarm\nmetadata:\n  name: example-jobs-age\nspec:\n  forProvider:\n    region: us-east-1\n    namespace: AWS/SQS\n    metricName: ApproximateAgeOfOldestMessage\n    comparisonOperator: GreaterThanThreshold\n    evaluationPeriods: 1\n    period: 300\n    statistic: Maximum\n    threshold: 600\n    dimensions:\n      QueueName: example-jobs\n`,
    fail: `apiVersion: sqs.aws.upbound.io/v1beta1\nkind: Queue\nmetadata:\n  name: example-jobs\nspec:\n  forProvider:\n    region: us-east-1\n`,
  },
  {
    rule: 'IK-TLS-003',
    tool: 'terraform',
    pass: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id = "example-cache"\n  description = "Session cache."\n  node_type = "cache.t4g.small"\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = true\n}\n`,
    fail: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id = "example-cache"\n  description = "Session cache."\n  node_type = "cache.t4g.small"\n  at_rest_encryption_enabled = true\n}\n`,
  },
  {
    rule: 'IK-TLS-003',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: Session cache.\n      CacheNodeType: cache.t4g.small\n      TransitEncryptionEnabled: true`,
    ),
    fail: cfn(
      `Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: Session cache.\n      CacheNodeType: cache.t4g.small\n      TransitEncryptionEnabled: false`,
    ),
  },
  {
    rule: 'IK-TLS-003',
    tool: 'crossplane',
    pass: `apiVersion: elasticache.aws.upbound.io/v1beta2\nkind: ReplicationGroup\nmetadata:\n  name: example-cache\nspec:\n  forProvider:\n    region: us-east-1\n    description: Session cache.\n    nodeType: cache.t4g.small\n    transitEncryptionEnabled: true\n`,
    fail: `apiVersion: elasticache.aws.upbound.io/v1beta2\nkind: ReplicationGroup\nmetadata:\n  name: example-cache\nspec:\n  forProvider:\n    region: us-east-1\n    description: Session cache.\n    nodeType: cache.t4g.small\n`,
  },
  {
    rule: 'IK-TLS-004',
    tool: 'terraform',
    pass: `resource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.front.arn\n  port = 80\n  protocol = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      port = "443"\n      protocol = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\nresource "aws_lb_listener" "https" {\n  load_balancer_arn = aws_lb.front.arn\n  port = 443\n  protocol = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn = aws_acm_certificate.front.arn\n  default_action {\n    type = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}\n`,
    fail: `resource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.front.arn\n  port = 80\n  protocol = "HTTP"\n  default_action {\n    type = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}\nresource "aws_lb_listener" "https" {\n  load_balancer_arn = aws_lb.front.arn\n  port = 443\n  protocol = "HTTPS"\n  certificate_arn = aws_acm_certificate.front.arn\n  default_action {\n    type = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}\n`,
  },
  {
    rule: 'IK-TLS-004',
    tool: 'cloudformation',
    pass: cfn(
      `Resources:\n  HttpsListener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref LoadBalancer\n      Port: 443\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n      Certificates:\n        - CertificateArn: !Ref Certificate\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref TargetGroup`,
    ),
    fail: cfn(
      `Resources:\n  HttpsListener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref LoadBalancer\n      Port: 443\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-2016-08\n      Certificates:\n        - CertificateArn: !Ref Certificate\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref TargetGroup`,
    ),
  },
  {
    rule: 'IK-TLS-004',
    tool: 'crossplane',
    pass: `apiVersion: elbv2.aws.upbound.io/v1beta2\nkind: LBListener\nmetadata:\n  name: front-end\nspec:\n  forProvider:\n    region: us-east-1\n    port: 80\n    protocol: HTTP\n    defaultAction:\n      - type: redirect\n        redirect:\n          port: "443"\n          protocol: HTTPS\n          statusCode: HTTP_301\n    loadBalancerArnSelector:\n      matchLabels:\n        example: front\n`,
    fail: `apiVersion: elbv2.aws.upbound.io/v1beta2\nkind: LBListener\nmetadata:\n  name: front-end\nspec:\n  forProvider:\n    region: us-east-1\n    port: 80\n    protocol: HTTP\n    defaultAction:\n      - type: forward\n        targetGroupArnSelector:\n          matchLabels:\n            example: front\n    loadBalancerArnSelector:\n      matchLabels:\n        example: front\n`,
  },
];

/**
 * A CloudFormation template of `count` resources for the P6 figure: buckets, keys, queues, topics and
 * log groups in turn, every property valid, so both tools should report nothing.
 */
export function cloudformationTemplateWithResources(count: number): string {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Description: P6 bench template', 'Resources:'];
  const makers = [
    (name: string) => [
      `  ${name}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      VersioningConfiguration:',
      '        Status: Enabled',
      '      PublicAccessBlockConfiguration:',
      '        BlockPublicAcls: true',
      '        BlockPublicPolicy: true',
      '        IgnorePublicAcls: true',
      '        RestrictPublicBuckets: true',
    ],
    (name: string) => [
      `  ${name}:`,
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      EnableKeyRotation: true',
      '      KeyPolicy:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      "            Principal: { AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' }",
      "            Action: 'kms:*'",
      "            Resource: '*'",
    ],
    (name: string) => [
      `  ${name}:`,
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      MessageRetentionPeriod: 345600',
    ],
    (name: string) => [
      `  ${name}:`,
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      `      TopicName: !Sub '\${AWS::StackName}-${name}'`,
    ],
    (name: string) => [
      `  ${name}:`,
      '    Type: AWS::Logs::LogGroup',
      '    Properties:',
      '      RetentionInDays: 30',
    ],
  ];
  for (let index = 0; index < count; index += 1) {
    lines.push(...makers[index % makers.length](`Resource${index + 1}`));
  }
  return `${lines.join('\n')}\n`;
}

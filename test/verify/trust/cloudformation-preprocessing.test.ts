import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../../src/schemas/store.js';
import { verifyText } from '../../../src/verify/verify-paths.js';
import { projectWith } from '../support/schema-fixture.js';

const FOR_EACH = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Topics:
    - TopicName
    - [Success, Failure]
    - SnsTopic\${TopicName}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref TopicName
  Fn::ForEach::Queues:
    - QueueName
    - !Ref Names
    - Queue\${QueueName}:
        Type: AWS::SQS::Queue
        Properties:
          QueueNmae: !Ref QueueName
`;

const CUSTOM_VERSION = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Seed:
    Type: Custom::Seed
    Version: '1.0'
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:seed
`;

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`;

const RAIN = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Site:
    Type: AWS::S3::Bucket
    Metadata:
      Rain::Content: site/
  Page:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Rain::Embed name.txt
`;

describe('CloudFormation: Fn::ForEach, custom resource Version, transforms and Rain', () => {
  let store: SchemaStore;
  let projectRoot: string;
  beforeAll(async () => {
    ({ store, projectRoot } = await projectWith([]));
    await store.ensureCloudFormation();
  });
  const run = (text: string) => verifyText(text, 'template.yaml', { projectRoot, store });

  it('expands Fn::ForEach: resources per item, checked, never named "unknown" or "expression"', async () => {
    const result = await run(FOR_EACH);
    expect(result.resources).toBe(3);
    expect(
      result.findings.map((finding) => [finding.ruleId, finding.resourceName, finding.fieldPath]),
    ).toEqual([['IK-FIELD-UNKNOWN', 'Queue${QueueName}', 'QueueNmae']]);
  });

  it('accepts Version on a Custom:: resource', async () => {
    expect((await run(CUSTOM_VERSION)).findings).toEqual([]);
  });

  it('reports a SAM template once as needing expansion, not its types as unknown', async () => {
    const result = await run(SAM);
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['IK-UNVERIFIABLE', 'low'],
    ]);
    expect(result.findings[0].message).toContain('Transform AWS::Serverless-2016-10-31');
    expect(result.errors).toBe(0);
  });

  it('reports Rain directives once as needing rain pkg', async () => {
    const result = await run(RAIN);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).toContain('rain pkg');
  });
});

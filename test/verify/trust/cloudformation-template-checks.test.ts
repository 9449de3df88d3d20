import { describe, expect, it } from 'vitest';
import { parseCloudFormation } from '../../../src/iac/cloudformation/parse-template.js';
import type { TemplateDeclarations } from '../../../src/iac/cloudformation/parse-template.js';
import { networkProblem } from '../../../src/verify/cloudformation/cidr-values.js';
import { intrinsicShapeProblem } from '../../../src/verify/cloudformation/intrinsic-shapes.js';
import { runtimeStatus } from '../../../src/verify/cloudformation/lambda-runtimes.js';
import { checkTemplateResource } from '../../../src/verify/cloudformation/template-checks.js';
import { retiredService } from '../../../src/verify/cloudformation/retired-services.js';

const context = {
  attributesOf: async (type: string) => (type === 'AWS::S3::Bucket' ? ['Arn', 'DomainName'] : undefined),
  today: new Date('2026-12-02T00:00:00Z'),
};
const issuesOf = async (text: string) => {
  const parsed = parseCloudFormation(text, 'template.yaml');
  expect(parsed.errors).toEqual([]);
  return (
    await Promise.all(parsed.resources.map((resource) => checkTemplateResource(resource, context)))
  ).flat();
};

describe('Lambda runtime deprecation dates', () => {
  it('is a warning while deprecated, an error once creation is blocked, and nothing before', () => {
    // dotnet8: deprecated 2026-11-10, creation blocked 2026-12-10, update blocked 2027-01-11
    expect(runtimeStatus('dotnet8', new Date('2026-11-09'))).toBeUndefined();
    expect(runtimeStatus('dotnet8', new Date('2026-11-10'))?.level).toBe('warning');
    expect(runtimeStatus('dotnet8', new Date('2026-12-10'))).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/cannot be created/),
      fix: 'move to dotnet9 (or another supported runtime)',
    });
    expect(runtimeStatus('dotnet8', new Date('2027-01-11'))?.message).toMatch(/no longer creates or updates/);
    expect(runtimeStatus('python3.13', new Date('2026-12-02'))).toBeUndefined();
    expect(runtimeStatus('not-a-runtime', new Date('2026-12-02'))).toBeUndefined();
  });
});

describe('CIDR networks', () => {
  it.each([
    ['10.0.0.0/16', undefined],
    ['0.0.0.0/0', undefined],
    ['203.0.113.7/32', undefined],
    ['2001:db8::/32', undefined],
    ['::/0', undefined],
    ['192.168.1.0/0', /host bits are set for \/0 .*is 0\.0\.0\.0\/0/],
    ['10.0.0.5/24', /network of 10\.0\.0\.5\/24 is 10\.0\.0\.0\/24/],
    ['10.0.0.0/33', /longer than 32 bits/],
    ['10.0.0.256/32', /not an IPv4 or IPv6 address/],
    ['10.0.0.0', /address\/prefix/],
    ['2001:db8::1/64', /network of 2001:db8::1\/64 is 2001:db8::\/64/],
  ])('%s', (value, problem) => {
    const found = networkProblem(value);
    if (problem) expect(found?.what).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it('checks CIDR properties at any depth and in lists, not other strings', async () => {
    const issues = await issuesOf(`Resources:
  Acl:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      CidrBlock: 10.1.0.0/8
      Description: 10.1.0.0/8
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - CidrIp: 172.16.0.1/12
          IpProtocol: tcp
`);
    expect(issues.map((issue) => [issue.ruleId, issue.fieldPath])).toEqual([
      ['IK-CONSTRAINT', 'CidrBlock'],
      ['IK-CONSTRAINT', 'SecurityGroupIngress[0].CidrIp'],
    ]);
  });
});

describe('intrinsic argument shapes', () => {
  it.each([
    ['GetAZs', null, /region name/],
    ['GetAZs', '', undefined],
    ['GetAZs', { unknown: true, expression: '!Ref AWS::Region' }, undefined],
    ['Join', [',', ['a']], undefined],
    ['Join', ['a', ','], /second item must be a list/],
    ['Select', ['1', ['a', 'b']], undefined],
    ['Select', [-1, ['a']], /index/],
    ['Sub', ['${A}', { A: 'x' }], undefined],
    ['Sub', ['${A}', 'x'], /string, or \[string, map/],
    ['If', ['IsProd', 'a'], /condition name/],
    ['GetAtt', 'Logs', /LogicalId\.Attribute/],
    ['FindInMap', ['Map', 'a'], /map name/],
    ['Ref', ['a'], /logical id/],
  ])('Fn::%s %j', (name, argument, problem) => {
    const found = intrinsicShapeProblem(name, argument);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});

describe('references', () => {
  it('names what Ref, GetAtt, Sub, If, FindInMap and DependsOn miss, with a did-you-mean', async () => {
    const issues = await issuesOf(`Parameters:
  Stage: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    DependsOn: [Lgos]
    Properties:
      BucketName: !Sub '\${Stag}-\${Logs.Arn}-\${Logs.Nope}-\${!Literal}-\${AWS::Region}'
      Tags:
        - Key: a
          Value: !If [IsProduction, a, b]
        - Key: b
          Value: !FindInMap [Sizes, a, b]
        - Key: c
          Value: !GetAtt Logz.Arn
`);
    expect(issues.map((issue) => [issue.ruleId, issue.message, issue.suggestion])).toEqual([
      ['IK-REFERENCE', expect.stringMatching(/Fn::Sub "\$\{Stag\}" names "Stag"/), 'did you mean "Stage"?'],
      ['IK-REFERENCE', expect.stringMatching(/has no attribute "Nope"; it has Arn, DomainName/), undefined],
      ['IK-REFERENCE', expect.stringMatching(/condition "IsProduction"/), 'did you mean "IsProd"?'],
      ['IK-REFERENCE', expect.stringMatching(/mapping "Sizes"/), undefined],
      ['IK-REFERENCE', expect.stringMatching(/reads from "Logz"/), 'did you mean "Logs"?'],
      ['IK-REFERENCE', expect.stringMatching(/DependsOn names "Lgos"/), 'did you mean "Logs"?'],
    ]);
  });

  it('accepts the identifiers and templated names of Fn::ForEach loops', async () => {
    const issues = await issuesOf(`Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - Bucket\${Name}:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub '\${Name}-logs'
          Tags:
            - Key: name
              Value: !Ref Name
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !GetAtt BucketAlpha.Arn
`);
    expect(issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/reads from "BucketAlpha", which is not a resource/),
    ]);
  });

  it('reads a Ref nested in another intrinsic', async () => {
    const issues = await issuesOf(`Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ['-', [!Ref Missing, logs]]
`);
    expect(issues).toEqual([
      expect.objectContaining({
        ruleId: 'IK-REFERENCE',
        fieldPath: 'BucketName',
        message: expect.stringMatching(/"Missing"/),
      }),
    ]);
  });
});

describe('retired services', () => {
  it('names the service and when it stopped; running services pass', () => {
    expect(retiredService('AWS::OpsWorks::Stack')).toMatch(/AWS OpsWorks Stacks was shut down \(2024-05\)/);
    expect(retiredService('AWS::S3::Bucket')).toBeUndefined();
  });
});

it('template declarations are shared by the resources of one template', () => {
  const parsed = parseCloudFormation(
    'Parameters:\n  P: { Type: String, Default: x }\nResources:\n  A: { Type: AWS::S3::Bucket }\n  B: { Type: AWS::SNS::Topic }\n',
    't.yaml',
  );
  const declared = parsed.resources[0].meta.template as TemplateDeclarations;
  expect(parsed.resources[1].meta.template).toBe(declared);
  expect(declared).toMatchObject({
    parameters: ['P'],
    parameterDefaults: { P: 'x' },
    resources: { A: 'AWS::S3::Bucket', B: 'AWS::SNS::Topic' },
  });
});

import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, testConstraints } from './helpers.js';

const cloudFormation = (deletionPolicy: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  environment:
    Type: String
Conditions:
  IsProd: !Equals [!Ref environment, prod]
Resources:
  Data:
    Type: AWS::S3::Bucket
    DeletionPolicy: ${deletionPolicy}
    UpdateReplacePolicy: Retain
`;

const patchedInstance = (policy: string) => `apiVersion: apiextensions.crossplane.io/v1
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
          policy:
            fromFieldPath: ${policy}
`;

describe('review findings that read right', () => {
  it('prints an intrinsic deletion policy as its source, never [object Object]', async () => {
    const result = runPolicy(
      await parse(cloudFormation('!If [IsProd, Retain, Delete]'), 'template.yaml'),
      await testConstraints(),
      { environment: 'prod' },
    );
    const deletion = result.findings.filter((finding) => finding.ruleId === 'IK-DEL-001');
    expect(deletion).toHaveLength(1);
    expect(deletion[0].message).not.toContain('[object Object]');
    expect(deletion[0].message).toMatch(/^DeletionPolicy is .*IsProd/);
  });

  it('an RDS instance whose deletion protection a Required patch writes is not told to orphan', async () => {
    const result = runPolicy(
      await parse(patchedInstance('Required'), 'composition.yaml'),
      await testConstraints(),
      {
        environment: 'prod',
      },
    );
    expect(result.findings.map((finding) => finding.ruleId)).not.toContain('IK-DEL-001');
    expect(result.findings.map((finding) => finding.ruleId)).not.toContain('IK-PATCH-001');
  });

  it('an Optional patch of deletion protection is one IK-PATCH-001 finding naming the parameter', async () => {
    const result = runPolicy(
      await parse(patchedInstance('Optional'), 'composition.yaml'),
      await testConstraints(),
      {
        environment: 'prod',
      },
    );
    const patch = result.findings.filter((finding) => finding.ruleId === 'IK-PATCH-001');
    expect(patch).toHaveLength(1);
    expect(patch[0]).toMatchObject({ severity: 'high', fieldPath: 'spec.forProvider.deletionProtection' });
    expect(patch[0].message).toContain('spec.parameters.deletionProtection');
    const dev = runPolicy(
      await parse(patchedInstance('Optional'), 'composition.yaml'),
      await testConstraints(),
      {
        environment: 'dev',
      },
    );
    expect(dev.findings.map((finding) => finding.ruleId)).not.toContain('IK-PATCH-001');
  });

  it('checks a parameter default like a literal: SSH opened to a default of 192.168.1.0/0', async () => {
    const template = (cidr: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  SshCidr:
    Type: String
    Default: ${cidr}
Resources:
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref SshCidr
`;
    const open = runPolicy(await parse(template('192.168.1.0/0'), 'template.yaml'), await testConstraints(), {
      environment: 'prod',
    }).findings.filter((finding) => finding.ruleId === 'IK-PUB-003');
    expect(open).toHaveLength(1);
    expect(open[0].message).toContain('the default of SshCidr');
    const closed = runPolicy(await parse(template('10.0.0.0/16'), 'template.yaml'), await testConstraints(), {
      environment: 'prod',
    }).findings.filter((finding) => finding.ruleId === 'IK-PUB-003');
    expect(closed).toEqual([]);
  });

  it('does not tell a read replica to encrypt what it inherits from its source', async () => {
    const replica = `resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.t3.micro"
}
`;
    const findings = runPolicy(await parse(replica, 'main.tf'), await testConstraints(), {
      environment: 'prod',
    }).findings;
    expect(findings.map((finding) => finding.ruleId)).not.toContain('IK-ENC-001');
  });
});

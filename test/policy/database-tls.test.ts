import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, realworld, testConstraints } from './helpers.js';

const tlsFindings = async (text: string, file: string, environment = 'prod') => {
  const parsed = await parse(text, file);
  expect(parsed.errors).toEqual([]);
  return runPolicy(parsed, await testConstraints(), { environment }).findings.filter(
    (finding) => finding.ruleId === 'IK-TLS-002',
  );
};

describe('IK-TLS-002 database TLS in transit', () => {
  it('names the setting each family needs, and its severity follows the environment', async () => {
    const text = `resource "aws_db_parameter_group" "pg" {\n  family = "postgres16"\n}\nresource "aws_rds_cluster_parameter_group" "my" {\n  family = "aurora-mysql8.0"\n  parameter {\n    name = "require_secure_transport"\n    value = "OFF"\n  }\n}\n`;
    const prod = await tlsFindings(text, 'main.tf');
    expect(prod.map((finding) => [finding.resourceName, finding.severity])).toEqual([
      ['pg', 'high'],
      ['my', 'high'],
    ]);
    expect(prod[0].message).toContain('does not set rds.force_ssl');
    expect(prod[1].message).toContain('require_secure_transport is OFF');
    expect(prod[1].fieldPath).toBe('parameter[0].value');
    expect((await tlsFindings(text, 'main.tf', 'dev')).map((finding) => finding.severity)).toEqual([
      'medium',
      'medium',
    ]);
  });

  it('passes RDS for PostgreSQL 15+ on the default group (it forces TLS) but not 14 or MySQL', async () => {
    const database = (engine: string, version: string) =>
      `resource "aws_db_instance" "db" {\n  engine = "${engine}"\n  engine_version = "${version}"\n}\n`;
    expect(await tlsFindings(database('postgres', '16.3'), 'main.tf')).toEqual([]);
    expect((await tlsFindings(database('postgres', '14.10'), 'main.tf'))[0].message).toContain(
      'no parameter group is set',
    );
    expect((await tlsFindings(database('mariadb', '10.11'), 'main.tf'))[0].message).toContain(
      'require_secure_transport',
    );
  });

  it('reads an engine version input: bounded to 15+ passes, unbounded is cannot-see', async () => {
    const template = (allowed: string) =>
      `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  EngineVersion:\n    Type: String\n${allowed}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      EngineVersion: !Ref EngineVersion\n`;
    expect(await tlsFindings(template("    AllowedValues: ['15.7', '16.3']\n"), 'template.yaml')).toEqual([]);
    const [unbounded] = await tlsFindings(template(''), 'template.yaml');
    expect(unbounded).toMatchObject({ kind: 'cannot-see', severity: 'info' });
    expect(unbounded.message).toContain('!Ref EngineVersion');
    const [old] = await tlsFindings(template("    AllowedValues: ['14.10', '16.3']\n"), 'template.yaml');
    expect(old.message).toContain('no parameter group is set');
  });

  it('skips families that have no such setting (MySQL 5.6, Aurora instance-level groups)', async () => {
    const text = `resource "aws_db_parameter_group" "old" {\n  family = "mysql5.6"\n}\nresource "aws_db_parameter_group" "aurora" {\n  family = "aurora-postgresql15"\n}\n`;
    expect(await tlsFindings(text, 'main.tf')).toEqual([]);
  });

  it('reports cannot-see for a group defined elsewhere or a parameter list from an expression', async () => {
    const elsewhere = `resource "aws_db_instance" "db" {\n  engine = "postgres"\n  engine_version = "13.4"\n  parameter_group_name = var.parameter_group\n}\n`;
    const [outside] = await tlsFindings(elsewhere, 'main.tf');
    expect(outside).toMatchObject({ kind: 'cannot-see', severity: 'info' });
    expect(outside.message).toContain('var.parameter_group');
    const template = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Settings:\n    Type: String\nResources:\n  Group:\n    Type: AWS::RDS::DBParameterGroup\n    Properties:\n      Family: postgres14\n      Description: x\n      Parameters: !Ref Settings\n`;
    const [opaque] = await tlsFindings(template, 'template.yaml');
    expect(opaque).toMatchObject({ kind: 'cannot-see', severity: 'info' });
  });
});

const { path: upjet, present: haveUpjet } = realworld(
  'provider-upjet-aws-v2.6.0-examples/examples/rds/cluster',
);

describe.skipIf(!haveUpjet)('IK-TLS-002 on the provider-upjet-aws v2.6.0 examples', () => {
  const read = (path: string) => readFileSync(join(upjet, path), 'utf8');
  it('fires on the postgres12 parameter group and the Aurora cluster group without rds.force_ssl', async () => {
    const group = await tlsFindings(read('v1beta1/parametergroup.yaml'), 'parametergroup.yaml');
    expect(group.map((finding) => finding.message)).toEqual([
      expect.stringContaining('the postgres12 parameter group does not set rds.force_ssl'),
    ]);
    const cluster = await tlsFindings(read('v1beta2/cluster.yaml'), 'cluster.yaml');
    expect(cluster.map((finding) => finding.resourceName)).toEqual(['example-ci-cluster-uptest']);
  });
  it('passes the PostgreSQL 16.6 instance on the default group, and the aurora5.6 group', async () => {
    expect(await tlsFindings(read('v1beta1/instance.yaml'), 'instance.yaml')).toEqual([]);
    expect(await tlsFindings(read('v1beta1/clusterparametergroup.yaml'), 'cpg.yaml')).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../src/schemas/store.js';
import { verifyPaths } from '../../src/verify/verify-paths.js';
import { expectPlantedFinding } from './support/planted-finding.js';
import { fixturesDirectory, projectWith } from './support/schema-fixture.js';

describe('verify: CloudFormation against the @aws-cdk/aws-service-spec resource specification', () => {
  let store: SchemaStore;
  beforeAll(async () => {
    store = (await projectWith([])).store;
    await store.ensureCloudFormation();
  });
  const run = (paths: string[]) => verifyPaths(paths, { projectRoot: fixturesDirectory, store });

  it('passes clean YAML (short-form intrinsics) and JSON (long-form intrinsics) templates', async () => {
    const result = await run(['cloudformation/bucket-clean.yaml', 'cloudformation/bucket-clean.json']);
    expect(result.findings).toEqual([]);
    expect(result.resources).toBe(3);
  });

  it.each([
    [6, 'IK-FIELD-UNKNOWN', 'BucketNme', 'did you mean "BucketName"?'],
    [7, 'IK-KIND-UNKNOWN', undefined, 'did you mean "AWS::S3::Bucket"?'],
    [15, 'IK-ENUM', 'VersioningConfiguration.Status', undefined],
    [16, 'IK-REQUIRED', 'TargetKeyId', undefined],
    [23, 'IK-TYPE', 'Tags', undefined],
    [29, 'IK-CASE', 'PublicAccessBlockConfiguration.BlockPublicACLs', 'did you mean "BlockPublicAcls"?'],
    [32, 'IK-ENUM', '@DeletionPolicy', 'did you mean "Retain"?'],
    [33, 'IK-FIELD-UNKNOWN', '@DeletionPolicies', 'did you mean "DeletionPolicy"?'],
  ])('line %i: %s at %s', async (line, ruleId, fieldPath, suggestion) => {
    const result = await run(['cloudformation/defects.yaml']);
    expectPlantedFinding(result, { line, ruleId, fieldPath, suggestion });
  });

  it('counts every defect as an error and nothing else', async () => {
    const result = await run(['cloudformation/defects.yaml']);
    expect(result.errors).toBe(8);
    expect(result.warnings).toBe(0);
    expect(result.summary).toBe('verify: 7 resources in 1 file: 8 errors');
  });
});

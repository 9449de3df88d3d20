import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../src/schemas/store.js';
import { verifyPaths } from '../../src/verify/verify-paths.js';
import { expectPlantedFinding } from './support/planted-finding.js';
import { fixturesDirectory, projectWith } from './support/schema-fixture.js';

describe('verify: Terraform against the AWS provider schema derived from @cdktf/provider-aws (subset)', () => {
  let store: SchemaStore;
  beforeAll(async () => {
    store = (await projectWith(['terraform'])).store;
  });
  const run = (paths: string[]) => verifyPaths(paths, { projectRoot: fixturesDirectory, store });

  it('passes a clean module, with lifecycle and variables', async () => {
    const result = await run(['terraform/main.tf']);
    expect(result.findings).toEqual([]);
    expect(result.resources).toBe(2);
  });

  it.each([
    [2, 'IK-FIELD-UNKNOWN', 'buckett', 'did you mean "bucket"?'],
    [5, 'IK-KIND-UNKNOWN', undefined, undefined],
    [9, 'IK-REQUIRED', 'versioning_configuration', undefined],
    [15, 'IK-TYPE', 'tags', undefined],
    [21, 'IK-FIELD-UNKNOWN', 'versioning_configuration[0].state', 'did you mean "status"?'],
    [26, 'IK-CASE', 'Bucket', 'did you mean "bucket"?'],
  ])('line %i: %s at %s', async (line, ruleId, fieldPath, suggestion) => {
    const result = await run(['terraform/defects.tf']);
    expectPlantedFinding(result, { line, ruleId, fieldPath, suggestion });
  });

  it('suggests the nearest resource type for an unknown one', async () => {
    const result = await run(['terraform/defects.tf']);
    expect(result.findings.find((finding) => finding.ruleId === 'IK-KIND-UNKNOWN')?.suggestion).toMatch(
      /^did you mean "aws_s3_bucket"/,
    );
  });
});

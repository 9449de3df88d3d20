import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../../src/iac/parse.js';
import type { SchemaStore } from '../../../src/schemas/store.js';
import { verifyText } from '../../../src/verify/verify-paths.js';
import { projectWith } from '../support/schema-fixture.js';

// Modelled on a module whose lifecycle rule builds its transitions with `dynamic` blocks.
const NESTED_DYNAMIC = `
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = "b"
  rule {
    id     = "archive"
    status = "Enabled"
    filter {}
    dynamic "noncurrent_version_transition" {
      for_each = var.days > 0 ? [1] : []
      content {
        noncurrent_days = var.days
        storage_class   = "STANDARD_IA"
      }
    }
  }
}
`;

// The versioning block is required; here only a dynamic block supplies it.
const DYNAMIC_SUPPLIES_REQUIRED = `
resource "aws_s3_bucket_versioning" "this" {
  bucket = "b"
  dynamic "versioning_configuration" {
    for_each = [var.status]
    content {
      status = versioning_configuration.value
    }
  }
}
`;

const JSON_SYNTAX = JSON.stringify(
  {
    resource: {
      aws_s3_bucket_versioning: { this: { bucket: 'b', versioning_configuration: [{ statuss: 'Enabled' }] } },
    },
  },
  null,
  2,
);

describe('Terraform dynamic blocks and JSON syntax', () => {
  let store: SchemaStore;
  let projectRoot: string;
  beforeAll(async () => {
    ({ store, projectRoot } = await projectWith(['terraform']));
  });

  it('expands a dynamic block nested inside another block: no "dynamic: no such field"', async () => {
    const result = await verifyText(NESTED_DYNAMIC, 'main.tf', { projectRoot, store });
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.message}`)).toEqual([]);
    const parsed = await parseText(NESTED_DYNAMIC, 'main.tf');
    const rule = (parsed.resources[0].body.rule as Array<Record<string, unknown>>)[0];
    expect(rule.dynamic).toBeUndefined();
    expect(rule.noncurrent_version_transition).toHaveLength(1);
  });

  it('counts a required block that a dynamic block supplies as present', async () => {
    const result = await verifyText(DYNAMIC_SUPPLIES_REQUIRED, 'main.tf', { projectRoot, store });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual([]);
  });

  it('reads *.tf.json like HCL and checks its fields', async () => {
    const parsed = await parseText(JSON_SYNTAX, 'main.tf.json');
    expect(parsed.tool).toBe('terraform');
    expect(parsed.resources.map((resource) => resource.type)).toEqual(['aws_s3_bucket_versioning']);
    const result = await verifyText(JSON_SYNTAX, 'main.tf.json', { projectRoot, store });
    expect(result.findings.map((finding) => [finding.ruleId, finding.fieldPath])).toContainEqual([
      'IK-FIELD-UNKNOWN',
      'versioning_configuration[0].statuss',
    ]);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';

const moduleDirectory = join(import.meta.dirname, '..', '..', 'examples', 'terraform', 's3-secure-bucket', 'modules', 's3-secure-bucket');
type Blocks = Record<string, Record<string, Array<Record<string, unknown>>>>;
const parseFile = async (name: string): Promise<Record<string, unknown>> =>
  parse(name, await readFile(join(moduleDirectory, name), 'utf8')) as Promise<Record<string, unknown>>;

describe('terraform/s3-secure-bucket through the HCL parser (@cdktf/hcl2json)', () => {
  it('pins the provider and the language version', async () => {
    const versions = (await parseFile('versions.tf')) as { terraform: Array<{ required_version: string; required_providers: Array<{ aws: { source: string; version: string } }> }> };
    expect(versions.terraform[0].required_version).toBe('>= 1.6.0, < 2.0.0');
    expect(versions.terraform[0].required_providers[0].aws).toEqual({ source: 'hashicorp/aws', version: '~> 5.80' });
  });

  it('turns on all four public-access blocks, SSE-KMS, versioning and a lifecycle', async () => {
    const main = (await parseFile('main.tf')) as { resource: Blocks };
    const block = main.resource.aws_s3_bucket_public_access_block.this[0];
    for (const setting of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) expect(block[setting]).toBe(true);
    const encryption = JSON.stringify(main.resource.aws_s3_bucket_server_side_encryption_configuration.this);
    expect(encryption).toContain('"sse_algorithm":"aws:kms"');
    expect(encryption).toContain('aws_kms_key.bucket.arn');
    expect(JSON.stringify(main.resource.aws_s3_bucket_versioning.this)).toContain('"status":"Enabled"');
    expect(main.resource.aws_s3_bucket_lifecycle_configuration.this[0].rule).toHaveLength(2);
    expect(JSON.stringify(main.resource.aws_s3_bucket.this)).toContain('"tags":"${local.tags}"');
  });

  it('has a validation block on every input', async () => {
    const variables = (await parseFile('variables.tf')) as { variable: Record<string, Array<{ validation?: unknown[] }>> };
    const names = Object.keys(variables.variable);
    expect(names.sort()).toEqual(['bucket_purpose', 'environment', 'noncurrent_version_expiration_days', 'tags', 'team']);
    for (const name of names) expect(variables.variable[name][0].validation?.length, name).toBeGreaterThan(0);
  });
});

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerifyGate } from '../../src/verify/gate.js';
import { importSchemas } from '../../src/schemas/import.js';
import type { GateInput } from '../../src/gate/types.js';
import { sharedCacheDirectory, terraformSubset } from './support/schema-fixture.js';

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ik-gate-'));
  await mkdir(join(root, '.infrakit'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
}
const input = (projectRoot: string, tool: GateInput['tool'], files: string[]): GateInput => ({
  projectRoot,
  tool,
  files,
  constraints: {} as GateInput['constraints'],
});
const gate = createVerifyGate({ cacheDirectory: sharedCacheDirectory });

describe('verify gate', () => {
  it('is unavailable, with an install hint, when no schema for the tool is imported', async () => {
    const root = await project({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' });
    const result = await gate(input(root, 'terraform', ['main.tf']));
    expect(result.status).toBe('unavailable');
    expect(result.installHint).toContain('providers schema -json');
  });

  it('passes clean files and fails a wrong field, with findings', async () => {
    const root = await project({
      'good.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
      'bad.tf': 'resource "aws_s3_bucket" "b" {\n  buckt = "x"\n}\n',
    });
    await importSchemas(terraformSubset, { projectRoot: root, cacheDirectory: sharedCacheDirectory });
    const passed = await gate(input(root, 'terraform', ['good.tf']));
    expect(passed).toMatchObject({ gate: 'verify', status: 'passed' });
    expect(passed.ran?.[0]).toContain('terraform-provider-aws');
    const failed = await gate(input(root, 'terraform', ['bad.tf']));
    expect(failed.status).toBe('failed');
    expect(failed.findings?.[0]).toMatchObject({
      ruleId: 'IK-FIELD-UNKNOWN',
      location: { file: 'bad.tf', line: 2 },
    });
  });

  it('fails when the generated files hold no resources', async () => {
    const root = await project({ 'notes.yaml': 'hello: world\n' });
    expect((await gate(input(root, 'crossplane', ['notes.yaml']))).status).toBe('failed');
  });
});

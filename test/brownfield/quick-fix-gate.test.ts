import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  beginExistingCodeCheck,
  finishExistingCodeCheck,
  resourcesNamedIn,
} from '../../src/brownfield/quick-fix-gate.js';
import { loadConstraints } from '../../src/constraints/load.js';
import { exampleProject, realPolicyGate, standInValidator } from './update-support.js';
import type { GateResult } from '../../src/gate/types.js';

const verifyNotRun = async (): Promise<GateResult> => ({
  gate: 'verify',
  status: 'unavailable',
  summary: 'verify: not run in this test',
});

async function setup() {
  const root = await exampleProject('terraform/s3-secure-bucket');
  const files = ['main.tf', 'outputs.tf', 'variables.tf', 'versions.tf'].map(
    (file) => `modules/s3-secure-bucket/${file}`,
  );
  const scan = {
    projectRoot: root,
    tool: 'terraform' as const,
    files,
    constraints: await loadConstraints(root),
    environment: 'prod',
    gates: { validator: standInValidator, verify: verifyNotRun, policy: realPolicyGate },
  };
  return { root, files, scan, main: join(root, 'modules/s3-secure-bucket/main.tf') };
}

describe('the baseline diff gate for quick-fix on existing code', () => {
  it('passes a fix confined to the resource its plan names', async () => {
    const { files, scan, main } = await setup();
    const check = await beginExistingCodeCheck(scan);
    await writeFile(
      main,
      (await readFile(main, 'utf8')).replace('days_after_initiation = 7', 'days_after_initiation = 3'),
    );
    const result = await finishExistingCodeCheck(check, {
      files,
      planText: 'T1: shorten the abort window in aws_s3_bucket_lifecycle_configuration.this',
    });
    expect(result.reasons).toEqual([]);
    expect(result.status).toBe('passed');
  });

  it('blocks a fix that touches a resource its plan does not name, and one that adds a finding', async () => {
    const { files, scan, main } = await setup();
    const check = await beginExistingCodeCheck(scan);
    expect(resourcesNamedIn('change aws_s3_bucket_versioning.this', check.baseline)).toEqual([
      'aws_s3_bucket_versioning.this',
    ]);
    await writeFile(
      main,
      (await readFile(main, 'utf8'))
        .replace('status = "Enabled"\n  }\n}', 'status = "Suspended"\n  }\n}')
        .replace('enable_key_rotation     = true', 'enable_key_rotation     = false'),
    );
    const result = await finishExistingCodeCheck(check, {
      files,
      planText: 'suspend versioning in aws_s3_bucket_versioning.this',
    });
    expect(result.status).toBe('blocked');
    expect(result.strayLines.map((line) => line.owner)).toEqual(['aws_kms_key.bucket', 'aws_kms_key.bucket']);
    expect(result.newFindings.length).toBeGreaterThan(0);
  });
});

describe('fixed findings', () => {
  it('lists a baseline finding the change removed as fixed', async () => {
    const { files, scan, main } = await setup();
    const original = await readFile(main, 'utf8');
    await writeFile(main, original.replace('status = "Enabled"\n  }\n}', 'status = "Suspended"\n  }\n}'));
    const check = await beginExistingCodeCheck(scan);
    const versioning = check.baseline.findings.filter((finding) => /versioning/i.test(finding.message));
    expect(versioning.length).toBe(1);
    await writeFile(main, original);
    const result = await finishExistingCodeCheck(check, {
      files,
      planText: 'enable versioning again in aws_s3_bucket_versioning.this',
    });
    expect(result.reasons).toEqual([]);
    expect(result.fixedFindings.map((finding) => finding.fingerprint)).toEqual([versioning[0].fingerprint]);
    expect(result.newFindings).toEqual([]);
  });
});

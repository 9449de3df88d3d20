import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { findBinary } from '../../src/validators/find-binary.js';
import { createValidatorGate } from '../../src/validators/gate.js';
import {
  processValidatorEnvironment,
  searchDirectories,
} from '../../src/validators/validator-environment.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'terraform', 's3-secure-bucket');
const files = ['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf'].map(
  (file) => `modules/s3-secure-bucket/${file}`,
);
const environment = processValidatorEnvironment();
const binary = await findBinary(['tofu', 'terraform'], searchDirectories(environment));
const reason = 'neither tofu nor terraform is on the PATH (bash scripts/install-validators.sh builds tofu)';
if (!binary) console.warn(`skipped: ${reason}`);

const run = async (projectRoot: string) =>
  createValidatorGate()({
    projectRoot,
    tool: 'terraform',
    files,
    constraints: await loadConstraints(projectRoot),
  });

describe.skipIf(!binary)('terraform runner with the real tofu/terraform', () => {
  it('runs fmt -check on the example and never reports validate as passed when providers cannot be installed', async () => {
    const result = await run(example);
    expect(result.ran?.[0]).toMatch(
      /^(tofu|terraform) v?\d+\.\d+\.\d+: fmt -check \(modules\/s3-secure-bucket\)$/,
    );
    if (result.status === 'unavailable') {
      expect(result.summary).toContain('fmt -check passed, but validate could not run');
      expect(result.output).toMatch(/init could not install the providers/);
      expect(result.installHint).toContain('filesystem_mirror');
    } else {
      expect(result.status, result.output).toBe('passed');
      expect(result.ran?.some((line) => line.includes('validate'))).toBe(true);
    }
  });

  it("fails a badly formatted copy with the tool's own diff", async () => {
    const copy = await mkdtemp(join(tmpdir(), 'infrakit-tf-broken-'));
    await cp(example, copy, { recursive: true });
    const main = join(copy, 'modules', 's3-secure-bucket', 'main.tf');
    await writeFile(
      main,
      (await readFile(main, 'utf8')).replace('  bucket = local.bucket_name', 'bucket=local.bucket_name'),
    );
    const result = await run(copy);
    expect(result.status).toBe('failed');
    expect(result.summary).toContain('fmt -check');
    expect(result.output).toMatch(/exited with code \d+: /);
    expect(result.output).toContain('main.tf');
  });
});

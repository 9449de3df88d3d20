import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { createValidatorGate } from '../../src/validators/gate.js';
import { fakeBinDirectory, writeFakeBinary } from './fake-tools.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'terraform', 's3-secure-bucket');
const files = ['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf'].map(
  (file) => `modules/s3-secure-bucket/${file}`,
);

/** A fake tofu/terraform: logs `<name> <args>` to $FAKE_TF_LOG, reports `version`, accepts the rest. */
const fakeTool = (name: string, version: string) => String.raw`
const { appendFileSync } = require('node:fs');
const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_TF_LOG, ${JSON.stringify(name)} + ' ' + args.join(' ') + '\n');
if (args[0] === 'version') console.log(${JSON.stringify(`${name} v${version}`)});
`;

async function runGate(validator: 'tofu-validate' | 'terraform-validate', present: string[]) {
  const bin = await fakeBinDirectory();
  if (present.includes('tofu')) await writeFakeBinary(bin, 'tofu', fakeTool('tofu', '1.10.6'));
  if (present.includes('terraform')) await writeFakeBinary(bin, 'terraform', fakeTool('terraform', '1.9.8'));
  const log = join(await mkdtemp(join(tmpdir(), 'infrakit-tf-log-')), 'calls.log');
  const loaded = await loadConstraints(example);
  const constraints = { ...loaded, codingStyle: { ...loaded.codingStyle, validator } };
  const result = await createValidatorGate({
    environment: { path: bin, variables: { PATH: bin, FAKE_TF_LOG: log } },
  })({ projectRoot: example, tool: 'terraform', files, constraints });
  const calls = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  return { result, calls };
}

describe('which of tofu and terraform the Terraform gate runs', () => {
  it('runs tofu, and never starts terraform, when tofu is preferred and present', async () => {
    const { result, calls } = await runGate('tofu-validate', ['tofu', 'terraform']);
    expect(result.status, result.output).toBe('passed');
    expect(result.ran?.[0]).toBe('tofu v1.10.6: fmt -check (modules/s3-secure-bucket)');
    expect(calls.filter((call) => call.startsWith('terraform '))).toEqual([]);
    // `version` and `fmt` start side by side, so their order in the log is either.
    expect(calls.map((call) => call.split(' ').slice(0, 2).join(' ')).sort()).toEqual([
      'tofu fmt',
      'tofu init',
      'tofu validate',
      'tofu version',
    ]);
  });

  it('falls back to terraform when tofu is missing', async () => {
    const { result, calls } = await runGate('tofu-validate', ['terraform']);
    expect(result.status, result.output).toBe('passed');
    expect(result.ran?.[0]).toBe('terraform v1.9.8: fmt -check (modules/s3-secure-bucket)');
    expect(calls).toContain('terraform version');
    expect(calls.filter((call) => call.startsWith('tofu '))).toEqual([]);
  });

  it('runs terraform, and never starts tofu, when the coding style names terraform-validate', async () => {
    const { result, calls } = await runGate('terraform-validate', ['tofu', 'terraform']);
    expect(result.ran?.[0]).toBe('terraform v1.9.8: fmt -check (modules/s3-secure-bucket)');
    expect(calls.filter((call) => call.startsWith('tofu '))).toEqual([]);
  });

  it('falls back to tofu when terraform-validate is preferred but terraform is missing', async () => {
    const { result } = await runGate('terraform-validate', ['tofu']);
    expect(result.ran?.[0]).toBe('tofu v1.10.6: fmt -check (modules/s3-secure-bucket)');
  });
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { createValidatorGate } from '../../src/validators/gate.js';
import { fakeBinDirectory, writeFakeBinary } from './fake-tools.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

/**
 * A fake validator whose version question answers only once a run of the real work has started
 * (it writes $FAKE_MARKER). Asked first and waited for, it never answers: the gate's own version
 * timeout then ends it, and the tool is reported without a version.
 */
const fakeTool = (versionArg: string, version: string) => String.raw`
const { existsSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
const marker = process.env.FAKE_MARKER;
if (args[0] === ${JSON.stringify(versionArg)}) {
  const wait = () => {
    if (existsSync(marker)) return console.log(${JSON.stringify(version)});
    setTimeout(wait, 10);
  };
  wait();
} else {
  writeFileSync(marker, 'started');
  setTimeout(() => {}, 50);
}
`;

async function gate(tool: 'cloudformation' | 'terraform', binary: string, body: string, files: string[]) {
  const bin = await fakeBinDirectory();
  await writeFakeBinary(bin, binary, body);
  const marker = join(await mkdtemp(join(tmpdir(), 'infrakit-marker-')), 'started');
  const projectRoot = join(examples, tool, 's3-secure-bucket');
  return createValidatorGate({
    environment: { path: bin, variables: { PATH: bin, FAKE_MARKER: marker } },
  })({ projectRoot, tool, files, constraints: await loadConstraints(projectRoot) });
}

describe('a validator gate asks the version beside its first run, not before it', () => {
  it('cfn-lint: the lint starts while `cfn-lint --version` is still running', async () => {
    const result = await gate('cloudformation', 'cfn-lint', fakeTool('--version', 'cfn-lint 1.51.0'), [
      'templates/s3-secure-bucket.yaml',
    ]);
    expect(result.status, result.output).toBe('passed');
    expect(result.ran?.[0]).toMatch(/^cfn-lint 1\.51\.0: cfn-lint --mandatory-checks/);
  });

  it('tofu: `fmt -check` starts while `tofu version` is still running', async () => {
    const files = ['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf'].map(
      (file) => `modules/s3-secure-bucket/${file}`,
    );
    const result = await gate('terraform', 'tofu', fakeTool('version', 'OpenTofu v1.10.6'), files);
    expect(result.status, result.output).toBe('passed');
    expect(result.ran).toEqual([
      'tofu v1.10.6: fmt -check (modules/s3-secure-bucket)',
      'tofu v1.10.6: init -backend=false (modules/s3-secure-bucket)',
      'tofu v1.10.6: validate (modules/s3-secure-bucket)',
    ]);
  });
});

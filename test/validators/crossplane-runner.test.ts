import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { findSharedDirectory } from '../../src/validators/crd-locator.js';
import { createValidatorGate } from '../../src/validators/gate.js';
import { FAKE_CRANK, FAKE_FUNCTION, fakeBinDirectory, writeFakeBinary } from './fake-tools.js';

const projectRoot = join(import.meta.dirname, '..', '..', 'examples', 'crossplane', 'cassandra-keyspace');
const output = 'compositions/cassandra-keyspace';
const files = [
  'definition.yaml',
  'composition.yaml',
  'functions.yaml',
  'examples/xr-prod.yaml',
  'examples/xr-dev.yaml',
  'examples/observed-kms-key.yaml',
].map((file) => `${output}/${file}`);
const shared = findSharedDirectory(projectRoot);
const reason =
  'the shared CRDs (../shared/crds) are absent, so beta validate has nothing to validate against';
if (!shared) console.warn(`skipped: ${reason}`);

const refused = (target: string): Promise<boolean> =>
  new Promise((resolveRefused) => {
    const [host, port] = target.split(':');
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolveRefused(false)));
    socket.once('error', () => resolveRefused(true));
  });

async function runWithFakes(variables: Record<string, string> = {}) {
  const bin = await fakeBinDirectory();
  await writeFakeBinary(bin, 'crank', FAKE_CRANK);
  await writeFakeBinary(bin, 'function-go-templating', FAKE_FUNCTION);
  const log = join(bin, 'crank.log');
  const gate = createValidatorGate({
    environment: { path: bin, variables: { FAKE_CRANK_LOG: log, ...variables }, sharedDirectory: shared },
  });
  const result = await gate({
    projectRoot,
    tool: 'crossplane',
    files,
    constraints: await loadConstraints(projectRoot),
  });
  const calls = existsSync(log)
    ? (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as string[])
    : [];
  return { result, calls };
}

describe.skipIf(!shared)('crossplane runner orchestration (fake crank and function on the PATH)', () => {
  it('starts the function, renders each XR with and without observed state, validates offline, then stops the function', async () => {
    const { result, calls } = await runWithFakes();
    expect(result.status, result.output).toBe('passed');
    const renders = calls.filter((args) => args[0] === 'render');
    expect(renders).toHaveLength(4);
    expect(
      renders.filter((args) => args.some((arg) => arg.startsWith('--observed-resources='))),
    ).toHaveLength(2);
    expect(
      renders.every(
        (args) => args.includes('--include-full-xr') && args.some((arg) => arg.startsWith('--xrd=')),
      ),
    ).toBe(true);
    const validate = calls.find((args) => args[0] === 'beta');
    expect(validate).toEqual(
      expect.arrayContaining(['validate', '--error-on-missing-schemas', '--skip-success-results']),
    );
    expect(validate?.find((arg) => arg.startsWith('--crossplane-image='))).toBe(
      '--crossplane-image=xpkg.crossplane.io/crossplane/crossplane:v2.3.4',
    );
    expect(result.ran?.[0]).toMatch(
      /^function-go-templating \(version not reported; pinned v0\.12\.2\): --insecure --address 127\.0\.0\.1:\d+$/,
    );
    expect(result.ran?.some((line) => line.startsWith('crank v2.2.4: beta validate'))).toBe(true);
    const target = /127\.0\.0\.1:\d+/.exec(result.ran?.[0] ?? '')?.[0] ?? '';
    expect(await refused(target)).toBe(true);
  });

  it("fails with crank's own output when beta validate rejects a field", async () => {
    const complaint =
      '[x] schema validation error kms.aws.m.upbound.io/v1beta1, Kind=Key, fake-key : spec.forProvider.enableKeyRotaton: Invalid value: field not declared in schema';
    const { result } = await runWithFakes({ FAKE_CRANK_VALIDATE_FAIL: complaint });
    expect(result.status).toBe('failed');
    expect(result.summary).toContain('crank v2.2.4 beta validate exited with code 1');
    expect(result.output).toContain(complaint);
    expect(result.output).toMatch(/^crank v2\.2\.4 exited with code 1: /);
  });

  it('is unavailable, naming function-go-templating, when only crank is installed', async () => {
    const bin = await fakeBinDirectory();
    await writeFakeBinary(bin, 'crank', FAKE_CRANK);
    const gate = createValidatorGate({ environment: { path: bin, variables: {}, sharedDirectory: shared } });
    const result = await gate({
      projectRoot,
      tool: 'crossplane',
      files,
      constraints: await loadConstraints(projectRoot),
    });
    expect(result.status).toBe('unavailable');
    expect(result.installHint).toBe(
      'go install github.com/crossplane-contrib/function-go-templating@v0.12.2',
    );
  });
});

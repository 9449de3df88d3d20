import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VerifyProfile } from '../../src/verify/verify-profile.js';
import { verifyPaths } from '../../src/verify/verify-paths.js';

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ik-profile-'));
  await mkdir(join(root, '.infrakit'), { recursive: true });
  await writeFile(join(root, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  return root;
}

const written = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((call) => String(call[0]));

describe('INFRAKIT_PROFILE=1 (verify phases on stderr)', () => {
  const previous = process.env.INFRAKIT_PROFILE;
  afterEach(() => {
    if (previous === undefined) delete process.env.INFRAKIT_PROFILE;
    else process.env.INFRAKIT_PROFILE = previous;
    vi.restoreAllMocks();
  });

  it('prints one line of phases, wall and CPU, when set', async () => {
    const root = await project();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.INFRAKIT_PROFILE = '1';
    const result = await verifyPaths(['config.yaml'], {
      projectRoot: root,
      cacheDirectory: join(root, 'cache'),
    });
    expect(result.resources).toBe(1);
    const lines = written(stderr).filter((line) => line.startsWith('profile:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^profile: verify: parse \d+\.\d ms \(cpu \d+\.\d\), store open \d+\.\d ms \(cpu \d+\.\d\), project XRDs \d+\.\d ms \(cpu \d+\.\d\), schemas read \d+\.\d ms \(cpu \d+\.\d\), checks of 1 resources \d+\.\d ms \(cpu \d+\.\d\)\n$/,
    );
  });

  it('prints nothing when unset or set to anything else', async () => {
    const root = await project();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (const value of [undefined, '0', 'yes']) {
      if (value === undefined) delete process.env.INFRAKIT_PROFILE;
      else process.env.INFRAKIT_PROFILE = value;
      await verifyPaths(['config.yaml'], { projectRoot: root, cacheDirectory: join(root, 'cache') });
    }
    expect(written(stderr).filter((line) => line.startsWith('profile:'))).toEqual([]);
    expect(VerifyProfile.fromEnvironment({})).toBeUndefined();
  });
});

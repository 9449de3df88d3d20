import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoEvent } from '../../src/demo/demo-events.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { fixLine } from '../../src/schemas/discover/schema-roles.js';
import { removeAfterFile } from '../support/temp-dirs.js';
import {
  crossplaneDirectory,
  sharedCacheDirectory,
  upjetDirectory,
} from '../verify/support/schema-fixture.js';

/** The Crossplane demo gets its schemas through init's search (src/schemas/discover), as any project. */
const root = join(import.meta.dirname, '..', '..');
const sharedPresent = existsSync(upjetDirectory) && existsSync(crossplaneDirectory);
if (!sharedPresent) console.warn(`skipped (demo imports the shared CRDs): ${upjetDirectory} is absent`);

async function demo(env: NodeJS.ProcessEnv) {
  const events: DemoEvent[] = [];
  const result = await runDemo({
    iac: 'crossplane',
    cwd: root,
    // no crank on this PATH: the validator gate is unavailable either way
    env: { PATH: '/usr/bin:/bin', INFRAKIT_CACHE_DIR: sharedCacheDirectory, ...env },
    listener: (event) => events.push(event),
  });
  removeAfterFile(dirname(result.projectRoot));
  return { result, setup: events.filter((event) => event.kind === 'setup') };
}

describe('infrakit demo --iac crossplane: the schemas', () => {
  it('says the one line init prints when no schema is found, and ends blocked with it first', async () => {
    const { result, setup } = await demo({ INFRAKIT_SHARED_DIR: join(root, 'no-such-folder') });
    const line = fixLine(['crossplane-core', 'crossplane-aws']);
    expect(setup).toContainEqual({
      kind: 'setup',
      title: 'schemas: not found, so the verify gate cannot check the generated kinds',
      detail: line,
      command: true,
    });
    expect(result.state).toBe('blocked');
    expect(result.unblock[0]).toBe(line);
    expect(result.gates.find((gate) => gate.gate === 'verify')).toMatchObject({
      status: 'unavailable',
      installHint: line,
    });
  }, 120_000);

  it.skipIf(!sharedPresent)(
    'imports the shared CRDs through the same search, and verify checks against them',
    async () => {
      const { result, setup } = await demo({});
      expect(setup.map((event) => event.title)).toEqual(
        expect.arrayContaining([
          'schemas: imported provider-upjet-aws v2.6.0',
          'schemas: imported crossplane v2.3.4',
        ]),
      );
      expect(setup.find((event) => event.title === 'schemas: imported crossplane v2.3.4')?.detail).toContain(
        crossplaneDirectory,
      );
      expect(result.gates.find((gate) => gate.gate === 'verify')?.status).toBe('passed');
      expect(result.unblock.join('\n')).not.toContain('infrakit schemas import');
    },
    120_000,
  );
});

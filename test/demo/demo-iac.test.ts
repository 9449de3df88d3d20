import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoScript, WORKED_EXAMPLES } from '../../src/demo/build-script.js';
import type { DemoEvent } from '../../src/demo/demo-events.js';
import { defaultDemoScriptPath, loadDemoScript } from '../../src/demo/demo-script.js';
import { runDemo } from '../../src/demo/run-demo.js';

const root = join(import.meta.dirname, '..', '..');

const cfnLintMissing = (() => {
  try {
    execFileSync('cfn-lint', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'cfn-lint is not installed (pip install cfn-lint), so the CloudFormation demo cannot end done';
  }
})();
if (cfnLintMissing) console.warn(`skipped: ${cfnLintMissing}`);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the demo script of each tool', () => {
  for (const iac of ['terraform', 'cloudformation'] as const) {
    const example = WORKED_EXAMPLES[iac];
    it.skipIf(!existsSync(join(root, example.source)))(
      `${iac}: the shipped script says exactly what ${example.source} says and writes its code`,
      async () => {
        const built = await buildDemoScript(join(root, example.source), example);
        const shipped = defaultDemoScriptPath(root, iac);
        expect(JSON.parse(await readFile(shipped, 'utf8'))).toEqual(built);
        const script = await loadDemoScript(shipped);
        expect(script.track.tool).toBe(iac);
      },
    );
  }
});

describe.skipIf(Boolean(cfnLintMissing))('infrakit demo --iac cloudformation', () => {
  it('replays the worked example through the real pipeline and ends done with the real cfn-lint', async () => {
    const events: DemoEvent[] = [];
    const result = await runDemo({
      iac: 'cloudformation',
      cwd: root,
      env: process.env,
      listener: (event) => events.push(event),
    });
    folders.push(dirname(result.projectRoot));
    expect(result.reason).toBeUndefined();
    expect(result.state).toBe('done');
    expect(result.gates.map((gate) => [gate.gate, gate.status])).toEqual([
      ['validator', 'passed'],
      ['verify', 'passed'],
      ['policy', 'passed'],
    ]);
    expect(result.gates[0].ran?.join(' ')).toContain('cfn-lint');
    expect(result.unblock).toEqual([]);
    expect(
      events.some((event) => event.kind === 'setup' && event.title === 'infrakit init --iac cloudformation'),
    ).toBe(true);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalCases } from '../../src/eval/load-cases.js';
import { ConfigError } from '../../src/errors/index.js';

const casesDirectory = join(import.meta.dirname, '..', '..', 'eval', 'cases');

describe('eval cases', () => {
  it('ships at least 8 cases across the three tools, each with answers and an environment', async () => {
    const cases = await loadEvalCases(casesDirectory);
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((entry) => entry.tool))).toEqual(
      new Set(['crossplane', 'terraform', 'cloudformation']),
    );
    for (const entry of cases) {
      expect(entry.answers.length).toBeGreaterThan(0);
      expect(['dev', 'prod']).toContain(entry.environment);
    }
  });

  it('names the file and field of every problem', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'infrakit-cases-'));
    await writeFile(
      join(directory, 'bad.yaml'),
      'id: Bad Id\ntitle: x\ntool: pulumi\nenvironment: dev\nname: x\nrequest: x\nanswers: []\n',
    );
    const error = await loadEvalCases(directory).catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('bad.yaml: id:');
    expect(problems).toContain('bad.yaml: tool:');
    expect(problems).toContain('bad.yaml: answers:');
  });

  it('fails with a hint when the folder has no cases', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'infrakit-cases-'));
    await expect(loadEvalCases(directory)).rejects.toThrow(/no \*\.yaml case files/);
  });
});

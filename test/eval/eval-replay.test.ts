import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareEval } from '../../src/eval/prepare-eval.js';
import { runEval } from '../../src/eval/run-eval.js';
import { writeEvalResults } from '../../src/eval/write-results.js';

const projectRoot = join(import.meta.dirname, '..', '..');

describe('infrakit eval --provider replay (end to end on the scripted recordings)', () => {
  it('runs the pipeline and the baseline on recorded exchanges and writes the table, JSON and chart', async () => {
    const out = await mkdtemp(join(tmpdir(), 'infrakit-eval-out-'));
    const prepared = await prepareEval({
      provider: 'replay',
      cases: join(projectRoot, 'eval', 'cases'),
      only: 'sqs-with-dlq',
      runs: 1,
      out,
      cwd: projectRoot,
      env: {},
      progress: () => undefined,
    });
    if (prepared.kind !== 'ready') throw new Error('expected a ready eval');
    const report = await runEval(prepared.dependencies);
    expect(report.scripted).toBe(true);
    expect(report.cases).toHaveLength(1);
    const [entry] = report.cases;
    expect(entry.pipeline.error).toBeUndefined();
    expect(entry.baseline.error).toBeUndefined();
    expect(entry.pipeline.files.some((file) => file.endsWith('template.yaml'))).toBe(true);
    expect(entry.baseline.files.some((file) => file.endsWith('template.yaml'))).toBe(true);
    expect(entry.pipeline.tokens.calls).toBeGreaterThan(entry.baseline.tokens.calls);
    expect(entry.baseline.tokens.calls).toBe(1);
    const folder = await writeEvalResults(prepared.outputBase, report);
    const markdown = await readFile(join(folder, 'results.md'), 'utf8');
    expect(markdown).toContain('Scripted fixtures, not a live model');
    expect(markdown).toContain('| sqs-with-dlq | 1 | pipeline |');
    expect(await readFile(join(folder, 'chart.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(JSON.parse(await readFile(join(folder, 'results.json'), 'utf8')).totals.pipeline.results).toBe(1);
  });

  it('says there is no key and runs nothing when the provider needs one', async () => {
    const home = await mkdtemp(join(tmpdir(), 'infrakit-eval-home-'));
    const prepared = await prepareEval({
      provider: 'anthropic',
      runs: 1,
      cwd: projectRoot,
      env: { XDG_CONFIG_HOME: home, HOME: home },
      progress: () => undefined,
    });
    expect(prepared.kind).toBe('no-key');
    if (prepared.kind === 'no-key') expect(prepared.message).toContain('ANTHROPIC_API_KEY');
  });

  it('rejects an unknown case id with the list of cases', async () => {
    await expect(
      prepareEval({
        provider: 'replay',
        only: 'nope',
        runs: 1,
        cwd: projectRoot,
        env: {},
        progress: () => undefined,
      }),
    ).rejects.toThrow(/no case named nope/);
  });
});

import { describe, expect, it } from 'vitest';
import { chartPoints, renderChartSvg } from '../../src/eval/chart-svg.js';
import type { CaseResult, EvalReport, SubjectResult } from '../../src/eval/eval-types.js';
import { renderMarkdownReport } from '../../src/eval/report-markdown.js';
import { scoreFromResults } from '../../src/eval/score.js';
import { summarizeSubject } from '../../src/eval/summarize.js';

const subject = (name: 'pipeline' | 'baseline', passed: boolean, inputTokens: number): SubjectResult => ({
  subject: name,
  outcome: 'done',
  files: ['a.tf'],
  tokens: { calls: 1, inputTokens, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 },
  wallMs: 1000,
  score: scoreFromResults(
    1,
    { gate: 'verify', status: 'passed', summary: '' },
    { gate: 'policy', status: passed ? 'passed' : 'failed', summary: '' },
    { gate: 'validator', status: 'passed', summary: '' },
  ),
});

function report(): EvalReport {
  const cases: CaseResult[] = [
    {
      caseId: 'one',
      title: 'One',
      tool: 'terraform',
      environment: 'dev',
      run: 1,
      pipeline: subject('pipeline', true, 900),
      baseline: subject('baseline', false, 100),
    },
    {
      caseId: 'two',
      title: 'Two',
      tool: 'cloudformation',
      environment: 'prod',
      run: 1,
      pipeline: subject('pipeline', true, 1100),
      baseline: subject('baseline', true, 100),
    },
  ];
  return {
    generatedAt: '2026-11-25T00:00:00.000Z',
    provider: 'anthropic',
    model: 'test-model',
    scripted: false,
    runs: 1,
    cases,
    totals: { pipeline: summarizeSubject(cases, 'pipeline'), baseline: summarizeSubject(cases, 'baseline') },
  };
}

describe('eval report', () => {
  it('totals pass rates and tokens per approach', () => {
    const totals = report().totals;
    expect(totals.pipeline.passRate).toBe(1);
    expect(totals.baseline.passRate).toBe(0.5);
    expect(totals.pipeline.inputTokensPerCase).toBe(1000);
  });

  it('renders a table row per case and approach, without the scripted warning for a live run', () => {
    const markdown = renderMarkdownReport(report());
    expect(markdown).toContain('| pipeline | 100% (2/2) |');
    expect(markdown).toContain('| baseline | 50% (1/2) |');
    expect(markdown).toContain('| two | 1 | baseline | cloudformation | PASS |');
    expect(markdown).not.toContain('Scripted fixtures');
  });

  it('plots one point per tool and one total per approach', () => {
    const points = chartPoints(report(), 'passRate');
    expect(
      points.filter((point) => point.label.endsWith('(all)')).map((point) => [point.subject, point.passRate]),
    ).toEqual([
      ['pipeline', 1],
      ['baseline', 0.5],
    ]);
    const svg = renderChartSvg(report());
    expect(svg).toContain('<svg');
    expect(svg).toContain('single-prompt baseline');
    expect(svg).not.toContain('SCRIPTED');
  });
});

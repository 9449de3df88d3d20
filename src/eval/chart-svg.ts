import type { EvalReport, Subject } from './eval-types.js';
import { allInputTokens } from './usage-meter.js';

/** One point of the chart: a group of results of one approach. */
export interface ChartPoint {
  subject: Subject;
  label: string;
  inputTokens: number;
  passRate: number;
}

const COLORS: Record<Subject, string> = { pipeline: '#1f6feb', baseline: '#d1242f' };

/** Points per approach: one per IaC tool (small) and one for all cases (large, labelled). */
export function chartPoints(report: EvalReport, rate: 'passRate' | 'ownChecksPassRate'): ChartPoint[] {
  const points: ChartPoint[] = [];
  const tools = [...new Set(report.cases.map((entry) => entry.tool))].sort();
  for (const subject of ['pipeline', 'baseline'] as const) {
    for (const tool of tools) {
      const results = report.cases.filter((entry) => entry.tool === tool).map((entry) => entry[subject]);
      const passed = results.filter((result) =>
        rate === 'passRate' ? result.score.passed : result.score.ownChecksPassed,
      ).length;
      const tokens = results.reduce((total, result) => total + allInputTokens(result.tokens), 0);
      points.push({
        subject,
        label: tool,
        inputTokens: tokens / results.length,
        passRate: passed / results.length,
      });
    }
    const total = report.totals[subject];
    points.push({
      subject,
      label: `${subject} (all)`,
      inputTokens: total.inputTokensPerCase,
      passRate: total[rate],
    });
  }
  return points;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A self-contained SVG scatter chart of pass rate (y) against input tokens per case (x). */
export function renderChartSvg(
  report: EvalReport,
  rate: 'passRate' | 'ownChecksPassRate' = 'passRate',
): string {
  const points = chartPoints(report, rate);
  const width = 640;
  const height = 400;
  const left = 70;
  const right = 30;
  const top = 50;
  const bottom = 60;
  const maxTokens = Math.max(1, ...points.map((point) => point.inputTokens)) * 1.1;
  const x = (tokens: number) => left + (tokens / maxTokens) * (width - left - right);
  const y = (passRate: number) => top + (1 - passRate) * (height - top - bottom);
  const lines: string[] = [];
  lines.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  lines.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  const title = `${rate === 'passRate' ? 'Pass rate (all gates)' : 'Pass rate (verifier + policy only)'} against input tokens per case`;
  lines.push(
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escape(title)}</text>`,
  );
  const subtitle = `${report.provider} · ${report.model}${report.scripted ? ' · SCRIPTED FIXTURES, not a live model' : ''} · ${report.generatedAt.slice(0, 10)}`;
  lines.push(`<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">${escape(subtitle)}</text>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    lines.push(`<line x1="${left}" x2="${width - right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e5e5"/>`);
    lines.push(
      `<text x="${left - 8}" y="${y(tick) + 4}" text-anchor="end">${Math.round(tick * 100)}%</text>`,
    );
  }
  for (let index = 0; index <= 4; index += 1) {
    const tokens = (maxTokens / 4) * index;
    lines.push(
      `<text x="${x(tokens)}" y="${height - bottom + 18}" text-anchor="middle">${Math.round(tokens).toLocaleString('en-US')}</text>`,
    );
  }
  lines.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>`);
  lines.push(
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>`,
  );
  lines.push(
    `<text x="${(left + width - right) / 2}" y="${height - 20}" text-anchor="middle">input tokens per case (uncached + cache read + cache write)</text>`,
  );
  for (const point of points) {
    const large = point.label.endsWith('(all)');
    const cx = x(point.inputTokens).toFixed(1);
    const cy = y(point.passRate).toFixed(1);
    lines.push(
      `<circle cx="${cx}" cy="${cy}" r="${large ? 8 : 4}" fill="${COLORS[point.subject]}" fill-opacity="${large ? 0.9 : 0.5}"><title>${escape(`${point.subject} · ${point.label}: ${Math.round(point.passRate * 100)}% at ${Math.round(point.inputTokens)} tokens`)}</title></circle>`,
    );
    lines.push(
      `<text x="${Number(cx) + 10}" y="${Number(cy) - 6}" fill="${COLORS[point.subject]}">${escape(point.label)}</text>`,
    );
  }
  lines.push(
    `<rect x="${width - right - 150}" y="${top}" width="140" height="44" fill="#fff" stroke="#ccc"/>`,
  );
  (['pipeline', 'baseline'] as const).forEach((subject, index) => {
    const rowY = top + 16 + index * 18;
    lines.push(`<circle cx="${width - right - 136}" cy="${rowY - 4}" r="5" fill="${COLORS[subject]}"/>`);
    lines.push(
      `<text x="${width - right - 124}" y="${rowY}">${subject === 'pipeline' ? 'InfraKit pipeline' : 'single-prompt baseline'}</text>`,
    );
  });
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { renderChartSvg } from './chart-svg.js';
import type { EvalReport } from './eval-types.js';
import { renderMarkdownReport } from './report-markdown.js';

/** The folder a report goes into: `<base>/<date>/<provider>`, e.g. `eval/results/2026-11-25/anthropic`. */
export const resultsFolder = (base: string, report: EvalReport): string =>
  join(base, report.generatedAt.slice(0, 10), report.provider.replace(/[^a-z0-9-]+/gi, '-').toLowerCase());

/** Writes results.json, results.md and chart.svg into `<base>/<date>/<provider>/`; returns the folder. */
export async function writeEvalResults(base: string, report: EvalReport): Promise<string> {
  const folder = resultsFolder(base, report);
  await writeFileAtomic(join(folder, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(folder, 'results.md'), renderMarkdownReport(report));
  await writeFileAtomic(join(folder, 'chart.svg'), renderChartSvg(report));
  return folder;
}

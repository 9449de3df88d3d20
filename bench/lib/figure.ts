import type { SampleSummary } from './stats.js';

/** One bench figure as printed and stored in bench/results.json. */
export interface Figure {
  /** `P1` … `P5`. */
  id: string;
  title: string;
  status: 'measured' | 'skipped' | 'failed';
  /** The headline ratio, measured side by side in the same run. */
  ratio?: SampleSummary;
  /** What the ratio compares, e.g. `concurrent / sequential wall time`. */
  ratioOf?: string;
  /** The target in words, e.g. `<= 0.8x`. */
  target: string;
  /** Whether the median meets the target; absent when not measured. */
  met?: boolean;
  /** Why the figure was skipped or failed. */
  reason?: string;
  /** Figure-specific numbers (absolute times, breakdowns, token counts). */
  details: Record<string, unknown>;
}

/** The one line printed per figure. */
export function figureLine(figure: Figure): string {
  if (figure.status === 'measured' && !figure.ratio) {
    return `${figure.id} ${figure.title}: ${String(figure.details.summary ?? 'measured (see results.json)')}`;
  }
  if (figure.status !== 'measured' || !figure.ratio) {
    return `${figure.id} ${figure.title}: ${figure.status.toUpperCase()} — ${figure.reason ?? 'no reason given'}`;
  }
  const ratio = figure.ratio;
  const verdict = figure.met === undefined ? '' : figure.met ? ' ✓ meets' : ' ✗ misses';
  return (
    `${figure.id} ${figure.title}: ${figure.ratioOf} = ${ratio.median.toFixed(3)}× median ` +
    `[${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)}, IQR ${ratio.interquartileRange.toFixed(3)}, n=${ratio.runs}]` +
    ` target ${figure.target}${verdict}`
  );
}

/**
 * Summary statistics for bench samples: the median and the spread (min, max, interquartile range).
 * Pure helpers, tested in test/bench/stats.test.ts; the benches never assert on their own timings.
 */

/** The summary of a list of samples. */
export interface SampleSummary {
  median: number;
  min: number;
  max: number;
  /** Third quartile minus first quartile. */
  interquartileRange: number;
  runs: number;
}

/** The value at quantile `q` (0..1) of already sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no samples');
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

/** The median of the samples. */
export function median(samples: readonly number[]): number {
  return quantile(
    [...samples].sort((left, right) => left - right),
    0.5,
  );
}

/** Median, min, max and interquartile range of the samples. */
export function summarize(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new Error('summarize needs at least one sample');
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    interquartileRange: quantile(sorted, 0.75) - quantile(sorted, 0.25),
    runs: sorted.length,
  };
}

/**
 * The per-run ratios of paired samples (numerator[i] / denominator[i]): pairing runs made side by
 * side cancels drift in machine load better than a ratio of medians.
 */
export function pairedRatios(numerators: readonly number[], denominators: readonly number[]): number[] {
  if (numerators.length !== denominators.length) throw new Error('paired samples must have the same length');
  return numerators.map((value, index) => {
    const divisor = denominators[index];
    if (divisor === 0) throw new Error(`cannot divide by a zero sample (run ${index + 1})`);
    return value / divisor;
  });
}

/** `1.23 (min 1.10, max 1.40)`-style text with a fixed number of decimals. */
export function formatSummary(summary: SampleSummary, decimals: number, unit = ''): string {
  const show = (value: number) => `${value.toFixed(decimals)}${unit}`;
  return `${show(summary.median)} (min ${show(summary.min)}, max ${show(summary.max)}, IQR ${show(summary.interquartileRange)}, n=${summary.runs})`;
}

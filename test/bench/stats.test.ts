import { describe, expect, it } from 'vitest';
import { formatSummary, median, pairedRatios, quantile, summarize } from '../../bench/lib/stats.js';

describe('bench statistics', () => {
  it('takes the median of odd and even sample counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates quantiles between neighbours', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(() => quantile([], 0.5)).toThrow(/no samples/);
  });

  it('summarizes min, max, interquartile range and count', () => {
    expect(summarize([1, 2, 3, 4, 5])).toEqual({ median: 3, min: 1, max: 5, interquartileRange: 2, runs: 5 });
  });

  it('pairs ratios run by run and refuses mismatched or zero samples', () => {
    expect(pairedRatios([2, 3], [4, 6])).toEqual([0.5, 0.5]);
    expect(() => pairedRatios([1], [1, 2])).toThrow(/same length/);
    expect(() => pairedRatios([1], [0])).toThrow(/zero sample/);
  });

  it('formats a summary with its spread', () => {
    expect(formatSummary(summarize([1, 2, 3]), 1, ' ms')).toBe(
      '2.0 ms (min 1.0 ms, max 3.0 ms, IQR 1.0 ms, n=3)',
    );
  });
});

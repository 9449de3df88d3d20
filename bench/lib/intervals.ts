/** Time intervals per category, for breakdowns where some work overlaps (parallel reviews, gates). */
export interface IntervalRecorder {
  /** Times `work` under `category`. */
  time<T>(category: string, work: () => Promise<T>): Promise<T>;
  add(category: string, start: number, end: number): void;
  /** Covered time per category (overlaps within a category counted once). */
  totals(): Record<string, number>;
  /** Covered time of every category together. */
  coveredTotal(): number;
}

/** The length of the union of intervals. */
export function unionLength(intervals: ReadonlyArray<readonly [number, number]>): number {
  const sorted = [...intervals].sort((left, right) => left[0] - right[0]);
  let total = 0;
  let currentStart = Number.NEGATIVE_INFINITY;
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else if (end > currentEnd) currentEnd = end;
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}

/** Creates a recorder using the given clock (performance.now by default). */
export function createIntervalRecorder(now: () => number = () => performance.now()): IntervalRecorder {
  const byCategory = new Map<string, Array<[number, number]>>();
  const add = (category: string, start: number, end: number) => {
    const list = byCategory.get(category) ?? [];
    list.push([start, end]);
    byCategory.set(category, list);
  };
  return {
    async time(category, work) {
      const start = now();
      try {
        return await work();
      } finally {
        add(category, start, now());
      }
    },
    add,
    totals: () =>
      Object.fromEntries([...byCategory].map(([category, intervals]) => [category, unionLength(intervals)])),
    coveredTotal: () => unionLength([...byCategory.values()].flat()),
  };
}

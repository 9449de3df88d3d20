/** Time intervals per category, for breakdowns where some work overlaps (parallel reviews, gates). */
export interface IntervalRecorder {
  /** Times `work` under `category`. */
  time<T>(category: string, work: () => Promise<T>): Promise<T>;
  add(category: string, start: number, end: number): void;
  /** Covered time per category (overlaps within a category counted once). */
  totals(): Record<string, number>;
  /** Covered time of every category together. */
  coveredTotal(): number;
  /** Covered time per category outside every interval of the `excluded` categories (and `excluded` themselves left out). */
  totalsOutside(excluded: readonly string[]): Record<string, number>;
  /** Covered time of the `categories` together (their overlaps counted once). */
  coveredBy(categories: readonly string[]): number;
}

/** Sorted, disjoint intervals covering the same time as `intervals`. */
export function merged(intervals: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (const [start, end] of [...intervals].sort((left, right) => left[0] - right[0])) {
    if (end <= start) continue;
    const last = result[result.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else result.push([start, end]);
  }
  return result;
}

/** The length of the union of intervals. */
export function unionLength(intervals: ReadonlyArray<readonly [number, number]>): number {
  return merged(intervals).reduce((total, [start, end]) => total + end - start, 0);
}

/** The length of the time `intervals` cover outside every interval of `minus`. */
export function lengthOutside(
  intervals: ReadonlyArray<readonly [number, number]>,
  minus: ReadonlyArray<readonly [number, number]>,
): number {
  const cut = merged(minus);
  let total = 0;
  for (const [start, end] of merged(intervals)) {
    let covered = 0;
    for (const [cutStart, cutEnd] of cut)
      covered += Math.max(0, Math.min(end, cutEnd) - Math.max(start, cutStart));
    total += end - start - covered;
  }
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
    totalsOutside: (excluded) => {
      const minus = excluded.flatMap((category) => byCategory.get(category) ?? []);
      return Object.fromEntries(
        [...byCategory]
          .filter(([category]) => !excluded.includes(category))
          .map(([category, intervals]) => [category, lengthOutside(intervals, minus)]),
      );
    },
    coveredBy: (categories) => unionLength(categories.flatMap((category) => byCategory.get(category) ?? [])),
  };
}

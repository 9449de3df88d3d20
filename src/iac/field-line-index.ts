/** One field line, with its position among the template's field lines. */
interface IndexedLine {
  path: string;
  line: number;
  order: number;
}

/**
 * The field lines of a whole file (`path -> line`), sorted once so that the lines under one path
 * are found by binary search. `under(prefix)` returns exactly what `fieldLinesUnder(fieldLines,
 * prefix)` (kubernetes/manifest-resource.ts) does, keys in the same order, without a scan of every
 * line of the file: a 50-resource template scanned all its lines twice per resource.
 */
export class FieldLineIndex {
  private readonly sorted: IndexedLine[];

  constructor(fieldLines: Record<string, number>) {
    this.sorted = Object.entries(fieldLines)
      .map(([path, line], order) => ({ path, line, order }))
      .sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  }

  /** The lines under `prefix` (all of them for ''): `prefix.a.b` as `a.b`, `prefix[0].a` as `[0].a`. */
  under(prefix: string): Record<string, number> {
    if (prefix === '') return Object.fromEntries(this.inOrder().map((entry) => [entry.path, entry.line]));
    // Paths that start with `prefix.` sort from `prefix.` up to (not including) `prefix/`; with `[`, up to `\`.
    const found = [
      ...this.between(`${prefix}.`, `${prefix}/`).map((entry) => ({
        ...entry,
        key: entry.path.slice(prefix.length + 1),
      })),
      ...this.between(`${prefix}[`, `${prefix}\\`).map((entry) => ({
        ...entry,
        key: entry.path.slice(prefix.length),
      })),
    ].sort((left, right) => left.order - right.order);
    const result: Record<string, number> = {};
    for (const entry of found) result[entry.key] = entry.line;
    return result;
  }

  private inOrder(): IndexedLine[] {
    return [...this.sorted].sort((left, right) => left.order - right.order);
  }

  private between(from: string, to: string): IndexedLine[] {
    return this.sorted.slice(this.firstAtOrAfter(from), this.firstAtOrAfter(to));
  }

  private firstAtOrAfter(path: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle].path < path) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

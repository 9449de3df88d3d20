/**
 * Joins a dotted field path: `a.b`, `a[0]`. A module of its own, without the `yaml` package: the
 * js-yaml quick read (quick-read.ts, exact-line-scan.ts) names paths without loading `yaml`.
 */
export function joinPath(prefix: string, segment: string | number): string {
  if (typeof segment === 'number') return `${prefix}[${segment}]`;
  return prefix === '' ? segment : `${prefix}.${segment}`;
}

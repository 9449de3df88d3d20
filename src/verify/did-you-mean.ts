/** Levenshtein distance between two strings (case-sensitive). */
export function editDistance(left: string, right: string): number {
  if (left === right) return 0;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      current[column] = Math.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost);
    }
    previous = current;
  }
  return previous[right.length];
}

/** A candidate that differs only by case, if any. */
export function caseOnlyMatch(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  for (const candidate of candidates)
    if (candidate !== name && candidate.toLowerCase() === lower) return candidate;
  return undefined;
}

/** The closest candidates by edit distance (ignoring case, separators), best first; empty when none is close. */
export function didYouMean(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const normalize = (value: string) => value.toLowerCase().replace(/[-_]/g, '');
  const target = normalize(name);
  const threshold = Math.max(2, Math.floor(target.length / 3));
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    const normalized = normalize(candidate);
    let distance = editDistance(target, normalized);
    if (normalized.startsWith(target) || target.startsWith(normalized))
      distance = Math.min(distance, 1 + Math.abs(normalized.length - target.length) / 4);
    if (distance <= threshold) scored.push([candidate, distance]);
  }
  return scored
    .sort((left, right) => left[1] - right[1] || left[0].localeCompare(right[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

/** `a, b, c and 12 more` for messages. */
export function listForMessage(values: string[], limit = 12): string {
  if (values.length <= limit) return values.join(', ');
  return `${values.slice(0, limit).join(', ')} and ${values.length - limit} more`;
}

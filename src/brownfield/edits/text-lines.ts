/** Small helpers for line-based text surgery that keeps every other byte as it was. */

/** The offset where each line starts (0-based line index). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text[index] === '\n') starts.push(index + 1);
  return starts;
}

/** The 0-based line index holding `offset`. */
export function lineOfOffset(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The leading spaces of a line. */
export const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Indents every line after the first of a multi-line value by `spaces`. */
export function indentContinuation(value: string, spaces: number): string {
  const [first, ...rest] = value.replace(/\n+$/, '').split('\n');
  return [first, ...rest.map((line) => (line.trim() ? `${' '.repeat(spaces)}${line}` : line))].join('\n');
}

/** Replaces lines [from, to) (0-based) with `replacement` lines. */
export function spliceLines(lines: string[], from: number, to: number, replacement: string[]): string[] {
  return [...lines.slice(0, from), ...replacement, ...lines.slice(to)];
}

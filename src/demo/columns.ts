/** Wraps text to `width` columns at spaces (a word longer than the width is cut). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (let rest = word; rest.length > 0;) {
        const piece = rest.slice(0, width);
        rest = rest.slice(width);
        if (!line) line = piece;
        else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
        else {
          lines.push(line);
          line = piece;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Two blocks of lines side by side when the terminal is wide enough for both at `minimumWidth`
 * each; otherwise one after the other. `render(width)` lays a block out for a column width.
 */
export function sideBySide(
  blocks: Array<(width: number) => string[]>,
  terminalWidth: number,
  minimumWidth = 56,
): string[] {
  const gap = ' │ ';
  const columnWidth = Math.floor(
    (terminalWidth - gap.length * (blocks.length - 1)) / Math.max(blocks.length, 1),
  );
  if (blocks.length < 2 || columnWidth < minimumWidth)
    return blocks.flatMap((render, index) => [
      ...(index ? [''] : []),
      ...render(Math.max(terminalWidth, 40)),
    ]);
  const columns = blocks.map((render) => render(columnWidth));
  const height = Math.max(...columns.map((column) => column.length));
  return Array.from({ length: height }, (_, row) =>
    columns
      .map((column, index) =>
        index === columns.length - 1 ? (column[row] ?? '') : (column[row] ?? '').padEnd(columnWidth),
      )
      .join(gap)
      .trimEnd(),
  );
}

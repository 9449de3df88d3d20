import { createTwoFilesPatch, structuredPatch } from 'diff';

/** The unified diff of every changed file, `a/` and `b/` prefixed like git. */
export function unifiedDiff(before: Map<string, string>, after: Map<string, string>): string {
  return [...after.keys()]
    .sort()
    .map((file) =>
      createTwoFilesPatch(
        `a/${file}`,
        `b/${file}`,
        before.get(file) ?? '',
        after.get(file) ?? '',
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, ''),
    )
    .join('');
}

/** The changed lines of one file: removed (old line numbers) and added (new line numbers), in pairs per hunk. */
export interface ChangedLines {
  removed: Array<{ line: number; text: string }>;
  added: Array<{ line: number; text: string }>;
}

/** Line numbers and texts a change removed and added, per hunk. */
export function changedLines(before: string, after: string): ChangedLines[] {
  const patch = structuredPatch('a', 'b', before, after, '', '', { context: 0 });
  return patch.hunks.map((hunk) => {
    const removed: ChangedLines['removed'] = [];
    const added: ChangedLines['added'] = [];
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.startsWith('-')) removed.push({ line: oldLine++, text: line.slice(1) });
      else if (line.startsWith('+')) added.push({ line: newLine++, text: line.slice(1) });
      else if (!line.startsWith('\\')) {
        oldLine += 1;
        newLine += 1;
      }
    }
    return { removed, added };
  });
}

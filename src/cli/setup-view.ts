import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../setup/plan-changes.js';
import type { WrittenChanges } from '../setup/write-changes.js';
import type { Style } from './io.js';

/** The planned changes as a coloured unified diff, one file after another. */
export function renderChanges(changes: readonly FileChange[], style: Style): string {
  const blocks = changes.map((entry) => {
    const patch = createTwoFilesPatch(
      `a/${entry.path}`,
      `b/${entry.path}`,
      entry.before,
      entry.after,
      undefined,
      undefined,
      {
        context: 2,
      },
    );
    return patch
      .split('\n')
      .filter((line) => !line.startsWith('====='))
      .map((line) =>
        line.startsWith('+++') || line.startsWith('---')
          ? style.bold(line)
          : line.startsWith('+')
            ? style.green(line)
            : line.startsWith('-')
              ? style.red(line)
              : line.startsWith('@@')
                ? style.cyan(line)
                : line,
      )
      .join('\n')
      .trimEnd();
  });
  return `These changes will be made:\n\n${blocks.join('\n\n')}\n`;
}

/** The closing line after writing. */
export function renderWritten(written: WrittenChanges, style: Style): string {
  const commit = written.commit
    ? `, committed ${written.commit.slice(0, 7)}`
    : ' (not a git repository: not committed)';
  return style.green(`Updated ${written.files.join(', ')}${commit}.`);
}

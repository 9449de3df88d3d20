import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 80, write: (text: string) => written.push(text) > 0 } };
}

describe('progress line', () => {
  it('draws a spinner with the character count on a TTY and clears it at the end', () => {
    const { written, stream } = fakeStream(true);
    const ticks: Array<() => void> = [];
    const progress = startProgress({
      stream,
      label: 'architect: reviewing',
      setInterval: (callback) => ticks.push(callback),
      clearInterval: () => {},
    });
    progress.onText('x'.repeat(1500));
    ticks[0]();
    expect(written.at(-1)).toContain('architect: reviewing · 1,500 chars');
    progress.stop('✓ architect reviewed');
    expect(written.slice(-2)).toEqual(['\r\u001b[2K', '✓ architect reviewed\n']);
  });

  it('stays quiet when not a TTY, apart from the final line', () => {
    const { written, stream } = fakeStream(false);
    const progress = startProgress({ stream, label: 'working' });
    progress.onText('abc');
    progress.update('still working');
    progress.stop('done');
    expect(written).toEqual(['done\n']);
  });
});

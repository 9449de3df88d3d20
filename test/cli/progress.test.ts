import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compactCount, createProgressBoard, elapsedText, tokensSoFar } from '../../src/cli/progress.js';

const strip = (text: string) => stripVTControlCharacters(text).replaceAll('\r', '');

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  let clock = 0;
  const ticks: Array<() => void> = [];
  let cleared = 0;
  const board = createProgressBoard({
    stream: { isTTY, columns: 80, write: (text: string) => written.push(text) > 0 },
    now: () => clock,
    setInterval: (callback) => ticks.push(callback),
    clearInterval: () => {
      cleared += 1;
    },
  });
  return {
    board,
    written,
    advance: (milliseconds: number) => (clock += milliseconds),
    tick: () => ticks.forEach((callback) => callback()),
    timers: () => ticks.length,
    cleared: () => cleared,
  };
}

describe('progress board', () => {
  it('redraws who is working, the elapsed time and an estimate of the tokens so far on a TTY', () => {
    const terminal = fakeTerminal(true);
    const line = terminal.board.start('Cloud Architect is working');
    terminal.advance(12_400);
    line.onStream({ kind: 'delta', characters: 4_800 });
    terminal.tick();
    expect(strip(terminal.written.at(-1) ?? '')).toMatch(
      /^. Cloud Architect is working · 12s · ~1\.2k tokens\n$/,
    );
    line.stop('✓ Cloud Architect · 12s · 1.3k tokens out');
    expect(strip(terminal.written.at(-1) ?? '')).toBe('✓ Cloud Architect · 12s · 1.3k tokens out\n');
    expect(terminal.cleared()).toBe(1);
  });

  it('shows the provider count, unmarked, once the stream reports it after the last delta', () => {
    const terminal = fakeTerminal(true);
    const line = terminal.board.start('IaC Engineer is working');
    line.onStream({ kind: 'usage', inputTokens: 900, outputTokens: 1 });
    line.onStream({ kind: 'delta', characters: 400 });
    terminal.tick();
    expect(strip(terminal.written.at(-1) ?? '')).toContain('~100 tokens');
    line.onStream({ kind: 'usage', outputTokens: 131 });
    terminal.tick();
    expect(strip(terminal.written.at(-1) ?? '')).toContain('· 131 tokens');
    expect(strip(terminal.written.at(-1) ?? '')).not.toContain('~');
  });

  it('draws two calls in parallel as two lines, moving back over both on each redraw', () => {
    const terminal = fakeTerminal(true);
    const architect = terminal.board.start('Cloud Architect is working');
    const security = terminal.board.start('Security Engineer is working');
    expect(terminal.timers()).toBe(1);
    terminal.tick();
    const frame = terminal.written.at(-1) ?? '';
    expect(frame.startsWith('\r\u001b[2F\u001b[J')).toBe(true);
    expect(strip(frame).split('\n').filter(Boolean)).toHaveLength(2);
    const mark = terminal.written.length;
    architect.stop('✓ Cloud Architect');
    const after = strip(terminal.written.slice(mark).join('')).split('\n').filter(Boolean);
    expect(after[0]).toBe('✓ Cloud Architect');
    expect(after[1]).toContain('Security Engineer is working');
    security.stop('✓ Security Engineer');
    expect(terminal.cleared()).toBe(1);
  });

  it('prints exactly one line per call and no control codes when not a TTY', () => {
    const terminal = fakeTerminal(false);
    const line = terminal.board.start('working');
    line.onStream({ kind: 'delta', characters: 30 });
    line.stop('✓ done');
    line.stop('✓ twice');
    expect(terminal.written).toEqual(['✓ done\n']);
    expect(terminal.timers()).toBe(0);
  });

  it('formats counts and durations compactly', () => {
    expect([compactCount(812), compactCount(1_000), compactCount(1_240), compactCount(3_400_000)]).toEqual([
      '812',
      '1k',
      '1.2k',
      '3.4M',
    ]);
    expect([elapsedText(400), elapsedText(12_900), elapsedText(125_000)]).toEqual(['0.4s', '12s', '2m05s']);
    expect(tokensSoFar({ characters: 0, reportedIsCurrent: false })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { jsonText, printable, terminalText } from '../../src/util/printable.js';

describe('printable, terminalText, jsonText', () => {
  it('printable escapes control characters and bidi overrides', () => {
    expect(printable('a\u001b[2Jb\u202ec\n')).toBe('a\\x1b[2Jb\\u202ec\\x0a');
  });

  it('terminalText keeps line breaks and tabs, escapes every other control character', () => {
    expect(terminalText('one\n\ttwo \u001b]0;title\u0007 \u009b2J \u2066x')).toBe(
      'one\n\ttwo \\x1b]0;title\\x07 \\x9b2J \\u2066x',
    );
  });

  it("terminalText keeps infrakit's own colour codes only when styles are on", () => {
    const styled = '\u001b[31merror:\u001b[39m bad \u001b[8mhidden\u001b[28m';
    expect(terminalText(styled, { styles: true })).toBe(
      '\u001b[31merror:\u001b[39m bad \\x1b[8mhidden\\x1b[28m',
    );
    expect(terminalText(styled)).toBe('\\x1b[31merror:\\x1b[39m bad \\x1b[8mhidden\\x1b[28m');
  });

  it('jsonText escapes what JSON.stringify leaves raw, and the value is unchanged', () => {
    const value = { name: 'a\u202eb\u0085c\u007f', escape: '\u001b[2J' };
    const text = jsonText(JSON.stringify(value));
    for (const raw of ['\u007f', '\u0085', '\u202e', '\u001b']) expect(text).not.toContain(raw);
    expect(JSON.parse(text)).toEqual(value);
  });
});

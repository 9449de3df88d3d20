import { describe, expect, it } from 'vitest';
import { growingConversation } from '../../bench/lib/growing-conversation.js';
import { unionLength } from '../../bench/lib/intervals.js';
import { approximateTokens, countRequestTokens, newLines } from '../../bench/lib/request-tokens.js';

const body = (
  system: Array<{ text: string; cache_control?: unknown }>,
  messages: Array<{ role: string; content: unknown }>,
) => ({ system, messages });

describe('request token counts', () => {
  it('uses ceil(characters / 4)', () => {
    expect(approximateTokens('')).toBe(0);
    expect(approximateTokens('abcde')).toBe(2);
  });

  it('counts the cache-marked system prefix as cache-eligible for isolated calls', () => {
    const request = body(
      [{ text: 'a'.repeat(40), cache_control: { type: 'ephemeral' } }, { text: 'b'.repeat(8) }],
      [{ role: 'user', content: 'c'.repeat(20) }],
    );
    expect(countRequestTokens(request, 'marked')).toEqual({ input: 10 + 2 + 5, cacheEligible: 10 });
  });

  it('counts everything but the newest turn as cache-eligible for a conversation', () => {
    const request = body(
      [{ text: 'a'.repeat(40) }],
      [
        { role: 'user', content: 'b'.repeat(8) },
        { role: 'assistant', content: [{ type: 'text', text: 'c'.repeat(12) }] },
        { role: 'user', content: 'd'.repeat(4) },
      ],
    );
    expect(countRequestTokens(request, 'conversation')).toEqual({ input: 10 + 2 + 3 + 1, cacheEligible: 15 });
  });

  it('drops lines a conversation already holds', () => {
    const seen = new Set<string>();
    expect(newLines('one\ntwo', seen)).toBe('one\ntwo');
    expect(newLines('two\nthree', seen)).toBe('three');
  });
});

describe('growing conversation', () => {
  it('re-sends every earlier turn and adds only new lines', () => {
    const calls = [
      {
        persona: 'first',
        body: body([{ text: 'persona one\nconstraints' }], [{ role: 'user', content: 'request' }]),
        answer: { a: 1 },
      },
      {
        persona: 'second',
        body: body([{ text: 'persona two\nconstraints' }], [{ role: 'user', content: 'request\nspec' }]),
        answer: { b: 2 },
      },
    ];
    const turns = growingConversation(calls);
    expect(turns).toHaveLength(2);
    expect(turns[0].system).toBe('persona one\nconstraints');
    expect(turns[1].messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(turns[1].messages[1].content).toBe('{"a":1}');
    expect(turns[1].messages[2].content).toContain('persona two');
    expect(turns[1].messages[2].content).not.toContain('constraints');
    expect(turns[1].messages[2].content).toContain('spec');
  });
});

describe('interval union', () => {
  it('counts overlapping intervals once', () => {
    expect(
      unionLength([
        [0, 10],
        [5, 15],
        [20, 25],
      ]),
    ).toBe(20);
    expect(unionLength([])).toBe(0);
  });
});

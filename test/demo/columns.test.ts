import { describe, expect, it } from 'vitest';
import { sideBySide, wrap } from '../../src/demo/columns.js';

const block = (words: string) => (width: number) => wrap(words, width);

describe('wrap', () => {
  it('breaks at spaces within the width and cuts words longer than it', () => {
    expect(wrap('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrap('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
  });
});

describe('sideBySide', () => {
  it('puts two reviews in two columns on a wide terminal', () => {
    const lines = sideBySide([block('left side'), block('right side')], 30, 10);
    expect(lines).toEqual(['left side     │ right side']);
  });

  it('stacks them when a column would be narrower than the minimum', () => {
    const lines = sideBySide([block('left side'), block('right side')], 30, 20);
    expect(lines).toEqual(['left side', '', 'right side']);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerTotals } from '../../providers/ledger.js';
import { answerFromFile, loadAnswersFile } from '../../src/pipeline/answers.js';
import { assertWithinBudget, estimateCall, parseMaxCost } from '../../src/pipeline/budget.js';

const totals = (partial: Partial<LedgerTotals>): LedgerTotals => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
  unpricedCalls: 0,
  skippedLines: 0,
  byPersona: {},
  ...partial,
});

describe('--max-cost', () => {
  it('parses dollars and tokens, and names the flag when it cannot', () => {
    expect(parseMaxCost('2.50')).toEqual({ unit: 'usd', limit: 2.5 });
    expect(parseMaxCost('$3')).toEqual({ unit: 'usd', limit: 3 });
    expect(parseMaxCost('200000tok')).toEqual({ unit: 'tokens', limit: 200000 });
    expect(parseMaxCost('150ktok')).toEqual({ unit: 'tokens', limit: 150000 });
    expect(() => parseMaxCost('lots')).toThrow('--max-cost "lots"');
    expect(() => parseMaxCost('0')).toThrow('--max-cost');
  });

  it('blocks before the call that would overspend, not after', () => {
    const spent = totals({ calls: 2, inputTokens: 600, outputTokens: 200, costUsd: 0.8 });
    const next = estimateCall(400, spent);
    expect(next).toMatchObject({ inputTokens: 100, outputTokens: 100, costUsd: 0.4 });
    expect(() => assertWithinBudget({ unit: 'tokens', limit: 1000 }, spent, next, 'architect')).not.toThrow();
    expect(() => assertWithinBudget({ unit: 'tokens', limit: 999 }, spent, next, 'architect')).toThrow(
      /next architect call would need about 200 tokens/,
    );
    expect(() => assertWithinBudget({ unit: 'usd', limit: 1.0 }, spent, next, 'architect')).toThrow(
      /\$0\.80 of \$1\.00/,
    );
  });
});

describe('--answers', () => {
  const question = { key: 'replication', text: 'How many replicas?', options: ['1', '3'] };
  it('answers in order from a list and by key from a map', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'infrakit-answers-'));
    writeFileSync(join(directory, 'list.yaml'), '- 3\n- yes\n');
    writeFileSync(join(directory, 'map.yaml'), 'replication: 1\n');
    const list = await loadAnswersFile(join(directory, 'list.yaml'));
    expect(answerFromFile(list, 'list.yaml', question, 2)).toBe('yes');
    const map = await loadAnswersFile(join(directory, 'map.yaml'));
    expect(answerFromFile(map, 'map.yaml', question, 5)).toBe('1');
    expect(() => answerFromFile(map, 'map.yaml', { ...question, key: 'size' }, 1)).toThrow(
      '--answers map.yaml has no answer for question 1 (key "size")',
    );
    await expect(loadAnswersFile(join(directory, 'missing.yaml'))).rejects.toThrow('--answers');
  });
});

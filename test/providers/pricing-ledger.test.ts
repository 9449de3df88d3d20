import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendLedger, LEDGER_FILE, readLedgerTotals } from '../../providers/ledger.js';
import { costOf, priceFor } from '../../providers/pricing.js';
import type { Usage } from '../../providers/types.js';

const usage = (model: string, overrides: Partial<Usage> = {}): Usage => ({
  inputTokens: 1_000_000,
  outputTokens: 1_000_000,
  cacheReadTokens: 1_000_000,
  cacheWriteTokens: 1_000_000,
  model,
  provider: 'anthropic',
  latencyMs: 10,
  ...overrides,
});

describe('pricing', () => {
  it('prices Claude and GPT families, dated snapshots included', () => {
    expect(priceFor('claude-sonnet-4-6')).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect(priceFor('claude-haiku-4-5-20251001')?.input).toBe(1);
    expect(priceFor('gpt-4.1-mini')?.input).toBe(0.4);
    expect(priceFor('gpt-4.1')?.input).toBe(2);
    expect(costOf(usage('claude-sonnet-4-6'))).toBeCloseTo(3 + 15 + 0.3 + 3.75, 6);
  });

  it('leaves an unknown model unpriced rather than free', () => {
    expect(priceFor('llama3.1')).toBeUndefined();
    expect(costOf(usage('llama3.1'))).toBeUndefined();
  });
});

describe('ledger', () => {
  let track: string;
  beforeEach(async () => {
    track = await mkdtemp(join(tmpdir(), 'infrakit-ledger-'));
  });
  afterEach(async () => {
    await rm(track, { recursive: true, force: true });
  });

  it('appends one line per call and totals tokens and dollars, counting unpriced calls apart', async () => {
    const small = { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheWriteTokens: 0 };
    await appendLedger(track, {
      usage: usage('claude-sonnet-4-6', small),
      persona: 'architect',
      step: 'review',
    });
    await appendLedger(track, {
      usage: usage('gpt-4.1', small),
      persona: 'solutions-engineer',
      step: 'clarify',
    });
    await appendLedger(track, { usage: usage('llama3.1', small), persona: 'architect', step: 'review' });
    await appendFile(join(track, LEDGER_FILE), '{"torn');
    const totals = await readLedgerTotals(track);
    expect(totals).toMatchObject({
      calls: 3,
      inputTokens: 3000,
      outputTokens: 1500,
      cacheReadTokens: 6000,
      unpricedCalls: 1,
      skippedLines: 1,
    });
    const sonnet = (1000 * 3 + 500 * 15 + 2000 * 0.3) / 1e6;
    const gpt = (1000 * 2 + 500 * 8 + 2000 * 0.5) / 1e6;
    expect(totals.costUsd).toBeCloseTo(sonnet + gpt, 6);
    expect(totals.byPersona.architect.calls).toBe(2);
  });

  it('survives concurrent appends without interleaving lines', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        appendLedger(track, {
          usage: usage('gpt-4o', { inputTokens: index }),
          persona: `p${index % 4}`,
          step: 's',
        }),
      ),
    );
    const totals = await readLedgerTotals(track);
    expect(totals.calls).toBe(40);
    expect(totals.skippedLines).toBe(0);
    expect(totals.inputTokens).toBe((39 * 40) / 2);
  });

  it('reads a missing ledger as zero', async () => {
    expect((await readLedgerTotals(join(track, 'nothing'))).calls).toBe(0);
  });
});

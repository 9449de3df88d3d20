import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { appendLine } from './append-line.js';
import { costOf } from './pricing.js';
import type { Usage } from './types.js';

/** The ledger file inside a track directory. */
export const LEDGER_FILE = 'ledger.jsonl';

/** One line of ledger.jsonl: one model call. `costUsd` is null when the model's price is unknown. */
export const LedgerEntrySchema = z.object({
  at: z.string(),
  persona: z.string(),
  step: z.string(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  latencyMs: z.number(),
  attempts: z.number().optional(),
  requestId: z.string().optional(),
  costUsd: z.number().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** Totals over a ledger. `costUsd` sums priced calls only; `unpricedCalls` says how many were left out. */
export interface LedgerTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  unpricedCalls: number;
  /** Lines that could not be read (e.g. torn by a crash); never counted. */
  skippedLines: number;
  byPersona: Record<string, { calls: number; inputTokens: number; outputTokens: number; costUsd: number }>;
}

/** Appends one call's usage to `<trackDir>/ledger.jsonl` (one JSON line, single append). */
export async function appendLedger(
  trackDir: string,
  record: { usage: Usage; persona: string; step: string; at?: Date },
): Promise<LedgerEntry> {
  const { usage } = record;
  const entry: LedgerEntry = {
    at: (record.at ?? new Date()).toISOString(),
    persona: record.persona,
    step: record.step,
    provider: usage.provider,
    model: usage.model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    latencyMs: usage.latencyMs,
    attempts: usage.attempts,
    requestId: usage.requestId,
    costUsd: costOf(usage) ?? null,
  };
  await appendLine(join(trackDir, LEDGER_FILE), JSON.stringify(entry));
  return entry;
}

/** Reads a track's ledger (missing file: zero totals). */
export async function readLedgerTotals(trackDir: string): Promise<LedgerTotals> {
  const totals: LedgerTotals = {
    calls: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    unpricedCalls: 0,
    skippedLines: 0,
    byPersona: {},
  };
  const text = await readFile(join(trackDir, LEDGER_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed;
    try {
      parsed = LedgerEntrySchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      totals.skippedLines += 1;
      continue;
    }
    const entry = parsed.data;
    totals.calls += 1;
    totals.inputTokens += entry.inputTokens;
    totals.outputTokens += entry.outputTokens;
    totals.cacheReadTokens += entry.cacheReadTokens;
    totals.cacheWriteTokens += entry.cacheWriteTokens;
    if (entry.costUsd === null) totals.unpricedCalls += 1;
    else totals.costUsd += entry.costUsd;
    const persona = (totals.byPersona[entry.persona] ??= {
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    });
    persona.calls += 1;
    persona.inputTokens += entry.inputTokens;
    persona.outputTokens += entry.outputTokens;
    persona.costUsd += entry.costUsd ?? 0;
  }
  totals.costUsd = Math.round(totals.costUsd * 1e6) / 1e6;
  return totals;
}

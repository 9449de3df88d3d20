import { BlockedError, UsageError } from '../errors/index.js';
import type { Budget } from '../tracks/state-file.js';
import type { LedgerTotals } from '../../providers/ledger.js';

/** Parses `--max-cost`: `2.50` (dollars, `$` allowed) or `200000tok` / `200k tok` (tokens). */
export function parseMaxCost(text: string): Budget {
  const trimmed = text.trim().toLowerCase().replace(/\s+/g, '');
  const tokens = /^(\d+(?:\.\d+)?)(k|m)?(tok|tokens)$/.exec(trimmed);
  if (tokens) {
    const scale = tokens[2] === 'k' ? 1_000 : tokens[2] === 'm' ? 1_000_000 : 1;
    const limit = Number(tokens[1]) * scale;
    if (limit > 0) return { unit: 'tokens', limit };
  }
  const dollars = /^\$?(\d+(?:\.\d+)?)$/.exec(trimmed);
  if (dollars && Number(dollars[1]) > 0) return { unit: 'usd', limit: Number(dollars[1]) };
  throw new UsageError(`--max-cost "${text}": expected dollars such as 2.50 or tokens such as 200000tok`, {
    hint: 'Examples: --max-cost 2.50, --max-cost 200000tok, --max-cost 150ktok',
  });
}

/** What the next call is expected to use. */
export interface CallEstimate {
  inputTokens: number;
  outputTokens: number;
  /** Dollars, when the price is known. */
  costUsd?: number;
}

/** A rough estimate of a request: 4 characters per token in, the ledger's average answer out. */
export function estimateCall(
  promptCharacters: number,
  totals: LedgerTotals,
  price?: (inputTokens: number, outputTokens: number) => number | undefined,
): CallEstimate {
  const inputTokens = Math.ceil(promptCharacters / 4);
  const outputTokens = totals.calls ? Math.ceil(totals.outputTokens / totals.calls) : 1_000;
  const priced = price?.(inputTokens, outputTokens);
  const pricedCalls = totals.calls - totals.unpricedCalls;
  const costUsd = priced ?? (pricedCalls > 0 ? totals.costUsd / pricedCalls : undefined);
  return { inputTokens, outputTokens, costUsd };
}

/** Formats a budget for messages. */
export const formatBudget = (budget: Budget, amount: number): string =>
  budget.unit === 'usd' ? `$${amount.toFixed(2)}` : `${Math.round(amount)} tokens`;

/**
 * Throws a BlockedError (exit 5) BEFORE a call that would take the track over its budget.
 * Spent amounts come from the ledger; the next call is estimated.
 */
export function assertWithinBudget(
  budget: Budget | undefined,
  totals: LedgerTotals,
  next: CallEstimate,
  persona: string,
): void {
  if (!budget) return;
  const spent =
    budget.unit === 'usd'
      ? totals.costUsd
      : totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;
  const upcoming = budget.unit === 'usd' ? (next.costUsd ?? 0) : next.inputTokens + next.outputTokens;
  if (spent + upcoming <= budget.limit) return;
  throw new BlockedError(
    `budget: the track has used ${formatBudget(budget, spent)} of ${formatBudget(budget, budget.limit)}, and the next ${persona} call would need about ${formatBudget(budget, upcoming)}`,
    { hint: 'Raise the budget and continue: infrakit resume <track> --max-cost <more>' },
  );
}

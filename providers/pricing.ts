import type { Usage } from './types.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** When the table was last checked against the published price pages. */
export const PRICES_CHECKED = '2026-11';

/**
 * List prices, matched by longest model-name prefix (dated snapshots such as
 * `claude-haiku-4-5-20251001` match their family). Sources:
 * https://docs.anthropic.com/en/docs/about-claude/pricing and https://openai.com/api/pricing.
 * Anthropic cache writes are the 5-minute ephemeral rate (1.25x input); OpenAI bills no cache writes.
 */
const PRICES: ReadonlyArray<[prefix: string, price: ModelPrice]> = [
  ['claude-opus-4-1', { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 }],
  ['claude-opus-4-0', { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 }],
  ['claude-opus-4-2025', { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 }],
  ['claude-opus-4-5', { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 }],
  ['claude-opus-4-6', { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 }],
  ['claude-sonnet-4', { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }],
  ['claude-haiku-4', { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 }],
  ['claude-3-5-haiku', { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 }],
  ['gpt-4.1-nano', { input: 0.1, output: 0.4, cacheRead: 0.025, cacheWrite: 0.1 }],
  ['gpt-4.1-mini', { input: 0.4, output: 1.6, cacheRead: 0.1, cacheWrite: 0.4 }],
  ['gpt-4.1', { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 2 }],
  ['gpt-4o-mini', { input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite: 0.15 }],
  ['gpt-4o', { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5 }],
  ['gpt-5-nano', { input: 0.05, output: 0.4, cacheRead: 0.005, cacheWrite: 0.05 }],
  ['gpt-5-mini', { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0.25 }],
  ['gpt-5', { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 1.25 }],
];

/** The price of a model, or undefined when unknown (cost unknown, never zero). */
export function priceFor(model: string): ModelPrice | undefined {
  const name = model.toLowerCase();
  let best: [string, ModelPrice] | undefined;
  for (const entry of PRICES)
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = [entry[0], entry[1]];
  return best?.[1];
}

/** Dollars for one call's usage, or undefined when the model has no known price. */
export function costOf(
  usage: Pick<Usage, 'model' | 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
): number | undefined {
  const price = priceFor(usage.model);
  if (!price) return undefined;
  const dollars =
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheReadTokens * price.cacheRead +
      usage.cacheWriteTokens * price.cacheWrite) /
    1_000_000;
  return Math.round(dollars * 1e6) / 1e6;
}

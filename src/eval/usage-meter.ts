import type { ModelClient, ModelRequest, ModelResponse, Usage } from '../../providers/types.js';

/** Token totals of a run. */
export interface TokenTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Dollars; undefined when a call's price is unknown. */
  costUsd?: number;
}

/** One exchange as the replay recording format stores it (providers/replay/recording-format.ts). */
export interface MeteredExchange {
  persona: string;
  sequence: number;
  request: { outputName?: string };
  response: {
    text: string;
    data?: unknown;
    toolCalls: ModelResponse['toolCalls'];
    stopReason: ModelResponse['stopReason'];
    usage: Usage;
  };
}

/** A ModelClient wrapper that adds up usage and cost and keeps every exchange (for recordings). */
export interface UsageMeter {
  wrap(client: ModelClient): ModelClient;
  totals(): TokenTotals;
  exchanges(): MeteredExchange[];
}

/** Creates a meter; `priceOf` returns dollars for one call's usage, or undefined when unknown. */
export function createUsageMeter(
  priceOf: (usage: Usage) => number | undefined = () => undefined,
): UsageMeter {
  const recorded: MeteredExchange[] = [];
  const sequences = new Map<string, number>();
  return {
    wrap(client) {
      return {
        specificationVersion: client.specificationVersion,
        provider: client.provider,
        modelId: client.modelId,
        async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
          const response = await client.generate(request);
          const sequence = sequences.get(request.persona) ?? 0;
          sequences.set(request.persona, sequence + 1);
          recorded.push({
            persona: request.persona,
            sequence,
            request: { outputName: request.output?.name },
            response: {
              text: response.text,
              data: response.data,
              toolCalls: response.toolCalls,
              stopReason: response.stopReason,
              usage: { ...response.usage },
            },
          });
          return response;
        },
      };
    },
    totals() {
      const prices = recorded.map((exchange) => priceOf(exchange.response.usage));
      const sum = (pick: (usage: Usage) => number) =>
        recorded.reduce((total, exchange) => total + pick(exchange.response.usage), 0);
      return {
        calls: recorded.length,
        inputTokens: sum((usage) => usage.inputTokens),
        outputTokens: sum((usage) => usage.outputTokens),
        cacheReadTokens: sum((usage) => usage.cacheReadTokens),
        cacheWriteTokens: sum((usage) => usage.cacheWriteTokens),
        costUsd:
          prices.length > 0 && prices.every((price) => price !== undefined)
            ? prices.reduce((total: number, price) => total + (price ?? 0), 0)
            : undefined,
      };
    },
    exchanges: () => recorded.map((exchange) => ({ ...exchange })),
  };
}

/** All input tokens a run paid for: uncached input plus cache reads and writes. */
export const allInputTokens = (totals: TokenTotals): number =>
  totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;

import type { ChatMessage, ModelRequest, ModelResponse, ToolCallContent } from './types.js';

/** Token counts of one HTTP answer, normalised: `inputTokens` excludes cached tokens. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** What one adapter call returns before validation and repair. */
export interface RawAnswer {
  text: string;
  /** The JSON text of the structured answer (forced tool input or message content). */
  structuredText?: string;
  toolCalls: ToolCallContent[];
  stopReason: ModelResponse['stopReason'];
  tokens: TokenCounts;
  model: string;
  requestId?: string;
  /** HTTP attempts this call made, including the SDK's own retries. */
  httpAttempts: number;
}

/** One try of the adapter: the request, the conversation to send, and the token budget. */
export type AdapterCall = (
  request: ModelRequest,
  turn: { messages: ChatMessage[]; maxTokens: number },
) => Promise<RawAnswer>;

/** Fetch that counts how many HTTP requests went through it (the SDK retries inside). */
export function createCountingFetch(base: typeof fetch = fetch): { fetch: typeof fetch; count(): number } {
  let count = 0;
  return {
    fetch: (input, init) => {
      count += 1;
      return base(input, init);
    },
    count: () => count,
  };
}

import type OpenAI from 'openai';
import type { TokenCounts } from '../raw-answer.js';
import type { ModelResponse, ToolCallContent } from '../types.js';

/** Maps finish_reason to our stop reason. */
export function stopReasonOf(reason: string | null | undefined): ModelResponse['stopReason'] {
  if (reason === 'stop') return 'end';
  if (reason === 'length') return 'max_tokens';
  if (reason === 'tool_calls' || reason === 'function_call') return 'tool_use';
  return 'other';
}

/** Normalises usage: OpenAI counts cached tokens inside prompt_tokens, we count them apart. */
export function tokensOf(usage: OpenAI.CompletionUsage | null | undefined): TokenCounts {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    outputTokens: usage?.completion_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
}

/** Parses tool call arguments, keeping unparseable ones visible rather than dropping them. */
export function toolCallsOf(
  calls: Array<{ id: string; name: string; arguments: string }>,
): ToolCallContent[] {
  return calls.map((call) => {
    let input: unknown;
    try {
      input = call.arguments === '' ? {} : JSON.parse(call.arguments);
    } catch {
      input = { _unparsed: call.arguments };
    }
    return { type: 'tool_call', id: call.id, name: call.name, input };
  });
}

import type OpenAI from 'openai';
import type { TokenCounts } from '../raw-answer.js';
import type { ModelResponse, ToolCallContent } from '../types.js';
import { stopReasonOf, tokensOf, toolCallsOf } from './openai-answer.js';

/** Consumes chat.completion.chunk events, passing content deltas to `onText`. */
export async function readOpenAIStream(
  chunks: AsyncIterable<OpenAI.Chat.ChatCompletionChunk>,
  onText?: (delta: string) => void,
): Promise<{
  text: string;
  toolCalls: ToolCallContent[];
  stopReason: ModelResponse['stopReason'];
  tokens: TokenCounts;
  model: string;
  complete: boolean;
}> {
  let text = '';
  let model = '';
  let finishReason: string | null = null;
  let usage: OpenAI.CompletionUsage | null | undefined;
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  for await (const chunk of chunks) {
    model = chunk.model || model;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta?.content) {
      text += choice.delta.content;
      onText?.(choice.delta.content);
    }
    for (const delta of choice.delta?.tool_calls ?? []) {
      const call = (calls[delta.index] ??= { id: '', name: '', arguments: '' });
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) call.arguments += delta.function.arguments;
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  return {
    text,
    toolCalls: toolCallsOf(calls.filter(Boolean)),
    stopReason: stopReasonOf(finishReason),
    tokens: tokensOf(usage),
    model,
    complete: finishReason !== null,
  };
}

import type OpenAI from 'openai';
import type { TokenCounts } from '../raw-answer.js';
import type { ModelRequest, ModelResponse, ToolCallContent } from '../types.js';
import { stopReasonOf, tokensOf, toolCallsOf } from './openai-answer.js';

/**
 * Consumes chat.completion.chunk events, passing content deltas to `onText`, and every delta's size
 * and the final usage chunk (stream_options.include_usage) to `onStream`.
 */
export async function readOpenAIStream(
  chunks: AsyncIterable<OpenAI.Chat.ChatCompletionChunk>,
  onText?: (delta: string) => void,
  onStream?: ModelRequest['onStream'],
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
    if (chunk.usage) {
      usage = chunk.usage;
      onStream?.({
        kind: 'usage',
        inputTokens: chunk.usage.prompt_tokens,
        outputTokens: chunk.usage.completion_tokens,
      });
    }
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta?.content) {
      text += choice.delta.content;
      onText?.(choice.delta.content);
      onStream?.({ kind: 'delta', characters: choice.delta.content.length });
    }
    for (const delta of choice.delta?.tool_calls ?? []) {
      const call = (calls[delta.index] ??= { id: '', name: '', arguments: '' });
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) {
        call.arguments += delta.function.arguments;
        onStream?.({ kind: 'delta', characters: delta.function.arguments.length });
      }
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

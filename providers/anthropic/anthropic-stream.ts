import type Anthropic from '@anthropic-ai/sdk';
import type { ModelRequest } from '../types.js';
import { partsFromBlocks, stopReasonOf, tokensOf, type AnthropicAnswerParts } from './anthropic-answer.js';

/**
 * Consumes raw Messages API stream events
 * (https://docs.anthropic.com/en/api/messages-streaming), passing text deltas to `onText`
 * and collecting tool input from input_json_delta. Partial JSON is kept as text, so a truncated
 * answer surfaces as invalid JSON rather than being silently repaired.
 */
export async function readAnthropicStream(
  events: AsyncIterable<Anthropic.RawMessageStreamEvent>,
  options: { outputName?: string; onText?: (delta: string) => void; onStream?: ModelRequest['onStream'] },
): Promise<AnthropicAnswerParts & { complete: boolean }> {
  const blocks: Array<{ type: string; text?: string; id?: string; name?: string; inputJson?: string }> = [];
  let usage: Partial<Anthropic.Usage> = {};
  let model = '';
  let stopReason: string | null = null;
  let complete = false;
  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        model = event.message.model;
        usage = { ...event.message.usage };
        // Its output_tokens is a placeholder (1) until message_delta: only the input count is news.
        options.onStream?.({ kind: 'usage', inputTokens: usage.input_tokens ?? undefined });
        break;
      case 'content_block_start':
        blocks[event.index] =
          event.content_block.type === 'tool_use'
            ? { type: 'tool_use', id: event.content_block.id, name: event.content_block.name, inputJson: '' }
            : { type: event.content_block.type, text: '' };
        break;
      case 'content_block_delta': {
        const block = blocks[event.index];
        if (!block) break;
        if (event.delta.type === 'text_delta') {
          block.text = (block.text ?? '') + event.delta.text;
          if (event.index >= 0 && block.type === 'text') options.onText?.(event.delta.text);
          options.onStream?.({ kind: 'delta', characters: event.delta.text.length });
        } else if (event.delta.type === 'input_json_delta') {
          block.inputJson = (block.inputJson ?? '') + event.delta.partial_json;
          options.onStream?.({ kind: 'delta', characters: event.delta.partial_json.length });
        }
        break;
      }
      case 'message_delta':
        stopReason = event.delta.stop_reason;
        usage = { ...usage, output_tokens: event.usage.output_tokens };
        options.onStream?.({ kind: 'usage', outputTokens: event.usage.output_tokens });
        break;
      case 'message_stop':
        complete = true;
        break;
      default:
        break;
    }
  }
  return {
    ...partsFromBlocks(blocks.filter(Boolean), options.outputName),
    stopReason: stopReasonOf(stopReason),
    tokens: tokensOf(usage),
    model,
    complete,
  };
}

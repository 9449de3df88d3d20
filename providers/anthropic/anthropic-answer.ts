import type Anthropic from '@anthropic-ai/sdk';
import type { RawAnswer, TokenCounts } from '../raw-answer.js';
import type { ModelResponse, ToolCallContent } from '../types.js';

/** The parts of an answer the adapter keeps, whether it arrived whole or streamed: a RawAnswer before the HTTP facts. */
export type AnthropicAnswerParts = Omit<RawAnswer, 'requestId' | 'httpAttempts'>;

/** Maps Anthropic's stop_reason to ours. */
export function stopReasonOf(reason: string | null | undefined): ModelResponse['stopReason'] {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'end';
  if (reason === 'max_tokens') return 'max_tokens';
  if (reason === 'tool_use') return 'tool_use';
  return 'other';
}

/** Reads usage, including cache_read_input_tokens and cache_creation_input_tokens. */
export function tokensOf(usage: Partial<Anthropic.Usage> | undefined): TokenCounts {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: usage?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage?.cache_creation_input_tokens ?? 0,
  };
}

/** Splits content blocks into text, tool calls and the forced structured-output call. */
export function partsFromBlocks(
  blocks: Array<{
    type: string;
    text?: string;
    id?: string;
    name?: string;
    inputJson?: string;
    input?: unknown;
  }>,
  outputName?: string,
) {
  let text = '';
  let structuredText: string | undefined;
  const toolCalls: ToolCallContent[] = [];
  for (const block of blocks) {
    if (block.type === 'text') text += block.text ?? '';
    if (block.type !== 'tool_use') continue;
    const inputJson = block.inputJson ?? JSON.stringify(block.input ?? {});
    if (outputName !== undefined && block.name === outputName) {
      structuredText = inputJson;
      continue;
    }
    let input: unknown;
    try {
      input = inputJson === '' ? {} : JSON.parse(inputJson);
    } catch {
      input = { _unparsed: inputJson };
    }
    toolCalls.push({ type: 'tool_call', id: block.id ?? '', name: block.name ?? '', input });
  }
  // A structured answer requested but sent as plain text is still checked as JSON.
  if (outputName !== undefined && structuredText === undefined) structuredText = text;
  return { text, structuredText, toolCalls };
}

import { chunks, type AnswerPlan } from './mock-answer-plan.js';

/** Anthropic Messages API wire shapes: https://docs.anthropic.com/en/api/messages-streaming */
const STOP_REASON = { end: 'end_turn', max_tokens: 'max_tokens', tool_use: 'tool_use' } as const;

function usageOf(plan: AnswerPlan, outputTokens: number) {
  return {
    input_tokens: plan.usage.inputTokens,
    output_tokens: outputTokens,
    cache_read_input_tokens: plan.usage.cacheReadTokens,
    cache_creation_input_tokens: plan.usage.cacheWriteTokens,
  };
}

/** The non-streaming `message` object. */
export function anthropicMessage(plan: AnswerPlan, id: string, model: string): unknown {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: plan.blocks.map((block) =>
      block.type === 'text'
        ? { type: 'text', text: block.text }
        : { type: 'tool_use', id: block.id, name: block.name, input: JSON.parse(block.inputJson) },
    ),
    stop_reason: STOP_REASON[plan.stopReason],
    stop_sequence: null,
    usage: usageOf(plan, plan.usage.outputTokens),
  };
}

/** One SSE frame. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Leading frames up to and including the first delta: what a stream sends before a fault cuts in. */
export function anthropicStreamHead(plan: AnswerPlan, id: string, model: string): string[] {
  return anthropicStreamFrames(plan, id, model).slice(0, 3);
}

/** The full SSE stream: message_start, per-block start/delta/stop, message_delta, message_stop. */
export function anthropicStreamFrames(
  plan: AnswerPlan,
  id: string,
  model: string,
  options: { rawToolJson?: string } = {},
): string[] {
  const frames: string[] = [];
  const start = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: usageOf(plan, 1),
  };
  frames.push(sseFrame('message_start', { type: 'message_start', message: start }));
  plan.blocks.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(
        sseFrame('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '' },
        }),
      );
      for (const piece of chunks(block.text)) {
        frames.push(
          sseFrame('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'text_delta', text: piece },
          }),
        );
      }
    } else {
      const contentBlock = { type: 'tool_use', id: block.id, name: block.name, input: {} };
      frames.push(
        sseFrame('content_block_start', { type: 'content_block_start', index, content_block: contentBlock }),
      );
      for (const piece of chunks(options.rawToolJson ?? block.inputJson, 16)) {
        frames.push(
          sseFrame('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          }),
        );
      }
    }
    frames.push(sseFrame('content_block_stop', { type: 'content_block_stop', index }));
  });
  frames.push(
    sseFrame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: STOP_REASON[plan.stopReason], stop_sequence: null },
      usage: { output_tokens: plan.usage.outputTokens },
    }),
  );
  frames.push(sseFrame('message_stop', { type: 'message_stop' }));
  return frames;
}

/** The Anthropic error body: {type: 'error', error: {type, message}}. */
export function anthropicError(type: string, message: string): unknown {
  return { type: 'error', error: { type, message } };
}

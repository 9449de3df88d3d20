import type { MockAnswer, RecordedRequest } from './mock-model-types.js';

/** What the mock will answer, independent of the wire format. */
export interface AnswerPlan {
  blocks: Array<
    { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; inputJson: string }
  >;
  stopReason: 'end' | 'max_tokens' | 'tool_use';
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number };
}

/** Token estimate used everywhere in the mock: one token per four characters. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    return content === undefined || content === null ? '' : JSON.stringify(content);
  return content
    .map((part: Record<string, unknown>) => {
      if (typeof part.text === 'string') return part.text;
      if (part.type === 'tool_use') return JSON.stringify(part.input);
      if (part.type === 'tool_result') return contentText(part.content);
      return JSON.stringify(part);
    })
    .join('');
}

/** The system blocks of a request as {text, cached} pairs, for both wire formats. */
function systemParts(request: RecordedRequest): Array<{ text: string; cached: boolean }> {
  const body = request.body ?? {};
  if (request.api === 'anthropic') {
    if (typeof body.system === 'string') return [{ text: body.system, cached: false }];
    if (!Array.isArray(body.system)) return [];
    return body.system.map((block: { text?: string; cache_control?: unknown }) => ({
      text: block.text ?? '',
      cached: block.cache_control !== undefined,
    }));
  }
  const messages: Array<{ role: string; content: unknown }> = Array.isArray(body.messages)
    ? body.messages
    : [];
  return messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map((message) => ({ text: contentText(message.content), cached: false }));
}

function conversationText(request: RecordedRequest): string {
  const messages: Array<{ role: string; content: unknown }> = Array.isArray(request.body?.messages)
    ? request.body.messages
    : [];
  return messages
    .filter((message) => message.role !== 'system' && message.role !== 'developer')
    .map(
      (message) =>
        contentText(message.content) + contentText((message as { tool_calls?: unknown }).tool_calls ?? ''),
    )
    .join('\n');
}

/**
 * Estimates input usage. Anthropic system blocks up to the last `cache_control` form the cached
 * prefix: the first time the server sees it, it is a cache write; afterwards a cache read.
 */
export function estimateInputUsage(request: RecordedRequest, seenPrefixes: Set<string>): AnswerPlan['usage'] {
  const parts = systemParts(request);
  const lastCached = parts.map((part) => part.cached).lastIndexOf(true);
  const prefix = parts
    .slice(0, lastCached + 1)
    .map((part) => part.text)
    .join('\n');
  const rest =
    parts
      .slice(lastCached + 1)
      .map((part) => part.text)
      .join('\n') +
    '\n' +
    conversationText(request);
  const prefixTokens = lastCached >= 0 ? estimateTokens(prefix) : 0;
  const seen = lastCached >= 0 && seenPrefixes.has(prefix);
  if (lastCached >= 0) seenPrefixes.add(prefix);
  return {
    inputTokens: estimateTokens(rest),
    outputTokens: 0,
    cacheReadTokens: seen ? prefixTokens : 0,
    cacheWriteTokens: seen ? 0 : prefixTokens,
  };
}

/** The name of the tool the request forces, if any (Anthropic tool_choice or OpenAI tool_choice). */
function forcedToolName(request: RecordedRequest): string | undefined {
  const choice = request.body?.tool_choice;
  if (choice && typeof choice === 'object') {
    if (choice.type === 'tool' && typeof choice.name === 'string') return choice.name;
    if (choice.type === 'function' && typeof choice.function?.name === 'string') return choice.function.name;
  }
  return undefined;
}

/** Turns a scripted answer into blocks, stop reason and usage. */
export function planAnswer(
  answer: MockAnswer,
  request: RecordedRequest,
  nextId: () => string,
  seenPrefixes: Set<string>,
): AnswerPlan {
  const blocks: AnswerPlan['blocks'] = [];
  if (answer.text !== undefined) blocks.push({ type: 'text', text: answer.text });
  if (answer.json !== undefined) {
    const forced = request.api === 'anthropic' ? forcedToolName(request) : undefined;
    if (forced)
      blocks.push({
        type: 'tool_use',
        id: `toolu_mock_${nextId()}`,
        name: forced,
        inputJson: JSON.stringify(answer.json),
      });
    else blocks.push({ type: 'text', text: JSON.stringify(answer.json) });
  }
  for (const call of answer.toolCalls ?? []) {
    const id = request.api === 'anthropic' ? `toolu_mock_${nextId()}` : `call_mock_${nextId()}`;
    blocks.push({ type: 'tool_use', id, name: call.name, inputJson: JSON.stringify(call.input ?? {}) });
  }
  if (blocks.length === 0) blocks.push({ type: 'text', text: '' });
  const hasToolUse = blocks.some((block) => block.type === 'tool_use');
  const stopReason = answer.stopReason ?? (hasToolUse ? 'tool_use' : 'end');
  const estimated = estimateInputUsage(request, seenPrefixes);
  const outputText = blocks.map((block) => (block.type === 'text' ? block.text : block.inputJson)).join('');
  return {
    blocks,
    stopReason,
    usage: {
      inputTokens: answer.usage?.inputTokens ?? estimated.inputTokens,
      outputTokens: answer.usage?.outputTokens ?? Math.max(1, estimateTokens(outputText)),
      cacheReadTokens: answer.usage?.cacheReadTokens ?? estimated.cacheReadTokens,
      cacheWriteTokens: answer.usage?.cacheWriteTokens ?? estimated.cacheWriteTokens,
    },
  };
}

/** Splits text into a few pieces, so streaming clients see several deltas. */
export function chunks(text: string, size = 8): string[] {
  if (text.length === 0) return [];
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces;
}

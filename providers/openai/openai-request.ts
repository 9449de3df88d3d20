import type OpenAI from 'openai';
import { z } from 'zod';
import type { WireSchema } from '../json-schema.js';
import type { ChatMessage, ModelRequest } from '../types.js';

/** Which field carries the token budget: OpenAI wants max_completion_tokens, many local servers max_tokens. */
export type TokenParameter = 'max_completion_tokens' | 'max_tokens';

/**
 * Builds Chat Completions parameters (https://platform.openai.com/docs/api-reference/chat).
 * Structured output is `response_format: json_schema` with `strict: true`; OpenAI caches
 * long identical prefixes by itself, so the system blocks become one system message.
 */
export function openaiParams(
  request: ModelRequest,
  turn: { messages: ChatMessage[]; maxTokens: number },
  model: string,
  options: { wire?: WireSchema; tokenParameter: TokenParameter },
): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (request.system.length > 0)
    messages.push({ role: 'system', content: request.system.map((block) => block.text).join('\n\n') });
  for (const message of turn.messages) messages.push(...toOpenAIMessages(message));
  const params: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model, messages };
  params[options.tokenParameter] = turn.maxTokens;
  if (request.tools && request.tools.length > 0) {
    params.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: z.toJSONSchema(tool.parameters, { unrepresentable: 'any', target: 'draft-7' }) as Record<
          string,
          unknown
        >,
      },
    }));
  }
  if (request.output && options.wire) {
    params.response_format = {
      type: 'json_schema',
      json_schema: { name: request.output.name, schema: options.wire.schema, strict: true },
    };
  }
  return params;
}

function toOpenAIMessages(message: ChatMessage): OpenAI.Chat.ChatCompletionMessageParam[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  if (message.role === 'assistant') {
    const calls = message.content.flatMap((part) =>
      part.type === 'tool_call'
        ? [
            {
              id: part.id,
              type: 'function' as const,
              function: { name: part.name, arguments: JSON.stringify(part.input) },
            },
          ]
        : [],
    );
    return [
      calls.length > 0
        ? { role: 'assistant', content: text || null, tool_calls: calls }
        : { role: 'assistant', content: text },
    ];
  }
  const results: OpenAI.Chat.ChatCompletionMessageParam[] = message.content.flatMap((part) =>
    part.type === 'tool_result'
      ? [
          {
            role: 'tool' as const,
            tool_call_id: part.toolCallId,
            content: part.isError ? `ERROR: ${part.content}` : part.content,
          },
        ]
      : [],
  );
  return text ? [...results, { role: 'user', content: text }] : results;
}

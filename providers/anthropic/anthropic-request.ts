import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { WireSchema } from '../json-schema.js';
import type { ChatMessage, ModelRequest } from '../types.js';

/**
 * Builds Messages API parameters (https://docs.anthropic.com/en/api/messages). System blocks
 * marked `cache: true` carry `cache_control: ephemeral`, so the byte-stable prefix hits the
 * prompt cache. Structured output is a tool the model is forced to call.
 */
export function anthropicParams(
  request: ModelRequest,
  turn: { messages: ChatMessage[]; maxTokens: number },
  model: string,
  wire?: WireSchema,
): Anthropic.MessageCreateParamsNonStreaming {
  const system: Anthropic.TextBlockParam[] = request.system.map((block) =>
    block.cache
      ? { type: 'text', text: block.text, cache_control: { type: 'ephemeral' } }
      : { type: 'text', text: block.text },
  );
  const tools: Anthropic.Tool[] = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: z.toJSONSchema(tool.parameters, {
      unrepresentable: 'any',
      target: 'draft-7',
    }) as Anthropic.Tool.InputSchema,
  }));
  if (request.output && wire) {
    tools.push({
      name: request.output.name,
      description: `Give your answer by calling ${request.output.name}. Its input is the whole answer.`,
      input_schema: wire.schema as Anthropic.Tool.InputSchema,
    });
  }
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model,
    max_tokens: turn.maxTokens,
    messages: turn.messages.map(toAnthropicMessage),
  };
  if (system.length > 0) params.system = system;
  if (tools.length > 0) params.tools = tools;
  if (request.output) params.tool_choice = { type: 'tool', name: request.output.name };
  return params;
}

function toAnthropicMessage(message: ChatMessage): Anthropic.MessageParam {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((part): Anthropic.ContentBlockParam => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      if (part.type === 'tool_call')
        return { type: 'tool_use', id: part.id, name: part.name, input: part.input };
      return {
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: part.content,
        is_error: part.isError,
      };
    }),
  };
}

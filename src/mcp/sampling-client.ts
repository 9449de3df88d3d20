import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CreateMessageRequest, CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import { generateWithPolicy } from '../../providers/generate-loop.js';
import { toWireSchema } from '../../providers/json-schema.js';
import type { RawAnswer } from '../../providers/raw-answer.js';
import {
  MODEL_CLIENT_SPEC_VERSION,
  type ChatMessage,
  type ModelClient,
  type ModelRequest,
} from '../../providers/types.js';
import { ProviderError } from '../errors/index.js';
import type { ClientBridge } from './client-bridge.js';

/** The provider name the ledger records for answers of the MCP client's model (status: "mcp-sampling/<model>"). */
export const SAMPLING_PROVIDER = 'mcp-sampling';

/** A persona answer may be a few files of code: room for it, as the API adapters give. */
const MAX_TOKENS = 16_000;

/** The client's model may take minutes for the code step; a progress notification resets the wait. */
const SAMPLING_TIMEOUT_MS = 15 * 60_000;

type SamplingMessage = CreateMessageRequest['params']['messages'][number];

const textOf = (content: ChatMessage['content']): string =>
  typeof content === 'string'
    ? content
    : content.map((part) => (part.type === 'text' ? part.text : JSON.stringify(part))).join('\n\n');

/** The text of a sampling result, whether its content is one block or a list. */
function resultText(result: CreateMessageResult): string {
  const blocks = (Array.isArray(result.content) ? result.content : [result.content]) as Array<{
    type: string;
    text?: string;
  }>;
  return blocks
    .filter((block) => block.type === 'text')
    .map((block) => block.text ?? '')
    .join('');
}

/** Models often fence JSON even when told not to: the answer inside one ```json fence is the answer. */
export function unfenced(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return match ? match[1] : text.trim();
}

/** The system prompt: the persona's blocks as the API path sends them, then the answer format. */
function systemPromptOf(request: ModelRequest): string {
  const blocks = request.system.map((block) => block.text);
  if (request.output) {
    const { schema } = toWireSchema(request.output.schema, { strict: false });
    blocks.push(
      [
        '# Answer format',
        '',
        `Answer with one JSON object only, the "${request.output.name}" answer: no prose before or after it, no code fence.`,
        'It must match this JSON Schema:',
        '',
        JSON.stringify(schema),
      ].join('\n'),
    );
  }
  return blocks.join('\n\n');
}

/**
 * A ModelClient backed by MCP sampling: each persona call is one `sampling/createMessage` to the
 * client holding only that persona's system prompt and its own messages (`includeContext: "none"`,
 * so the client adds none of its conversation). The answer is checked like any model's, with the
 * same one repair turn (providers/generate-loop.ts).
 */
export function createSamplingClient(
  bridge: ClientBridge,
  options: { signal?: AbortSignal; relatedRequestId?: string | number } = {},
): ModelClient {
  const requestOptions: RequestOptions = {
    timeout: SAMPLING_TIMEOUT_MS,
    resetTimeoutOnProgress: true,
    signal: options.signal,
    relatedRequestId: options.relatedRequestId,
  };
  return {
    specificationVersion: MODEL_CLIENT_SPEC_VERSION,
    provider: SAMPLING_PROVIDER,
    modelId: "the MCP client's model",
    generate: (request) =>
      generateWithPolicy(
        request,
        async (call, turn): Promise<RawAnswer> => {
          const messages: SamplingMessage[] = turn.messages.map((message) => ({
            role: message.role,
            content: { type: 'text', text: textOf(message.content) },
          }));
          let result: CreateMessageResult;
          try {
            result = await bridge.createMessage(
              {
                messages,
                systemPrompt: systemPromptOf(call),
                includeContext: 'none',
                maxTokens: turn.maxTokens,
                metadata: { persona: call.persona },
              },
              { ...requestOptions, signal: call.signal ?? requestOptions.signal },
            );
          } catch (error) {
            throw new ProviderError(
              `${SAMPLING_PROVIDER}: the client did not answer the ${call.persona} sampling request: ${(error as Error).message}`,
              { kind: 'sampling_refused', isRetryable: false },
              {
                hint: 'Allow sampling for the infrakit server in your agent, or drive the track with track_start / track_next_step / track_submit_step.',
                cause: error,
              },
            );
          }
          const text = resultText(result);
          return {
            text,
            structuredText: call.output ? unfenced(text) : undefined,
            toolCalls: [],
            stopReason: result.stopReason === 'maxTokens' ? 'max_tokens' : 'end',
            tokens: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
            model: result.model || 'unknown model',
            httpAttempts: 1,
          };
        },
        {
          provider: SAMPLING_PROVIDER,
          contentAttempts: 2,
          retryBaseDelayMs: 50,
          defaultMaxTokens: MAX_TOKENS,
          maxTokensCeiling: MAX_TOKENS * 2,
          now: () => Date.now(),
        },
        request.output ? toWireSchema(request.output.schema, { strict: false }) : undefined,
      ),
  };
}

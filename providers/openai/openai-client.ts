import OpenAI from 'openai';
import { ProviderError } from '../../src/errors/index.js';
import { generateWithPolicy } from '../generate-loop.js';
import { toWireSchema } from '../json-schema.js';
import { createCountingFetch, type AdapterCall, type RawAnswer } from '../raw-answer.js';
import { abortedError } from '../retry.js';
import { failedCallError } from '../sdk-errors.js';
import { PERSONA_HEADER, policyFor, type AdapterSettings } from '../settings.js';
import { MODEL_CLIENT_SPEC_VERSION, type ModelClient } from '../types.js';
import { stopReasonOf, tokensOf, toolCallsOf } from './openai-answer.js';
import { openaiParams, type TokenParameter } from './openai-request.js';
import { readOpenAIStream } from './openai-stream.js';

/** Options that differ between OpenAI itself and OpenAI-compatible servers. */
export interface OpenAIFlavour {
  provider: string;
  tokenParameter: TokenParameter;
  /** Strict json_schema response format; compatible servers may not support it. */
  strictSchema: boolean;
}

/**
 * A ModelClient on the Chat Completions API through the `openai` SDK. The SDK retries
 * 408/409/429/5xx honouring retry-after; generate-loop handles stream faults and JSON.
 */
export function createOpenAIClient(
  settings: AdapterSettings,
  flavour: OpenAIFlavour = {
    provider: 'openai',
    tokenParameter: 'max_completion_tokens',
    strictSchema: true,
  },
): ModelClient {
  const policy = policyFor(flavour.provider, settings);
  const secrets = settings.apiKey ? [settings.apiKey] : [];
  const wireFor = (schema: Parameters<typeof toWireSchema>[0]) =>
    toWireSchema(schema, { strict: flavour.strictSchema });

  const call: AdapterCall = async (request, turn) => {
    const counter = createCountingFetch(settings.fetch);
    const sdk = new OpenAI({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl,
      maxRetries: settings.maxRetries,
      timeout: settings.timeoutMs,
      fetch: counter.fetch,
      defaultHeaders: { [PERSONA_HEADER]: request.persona },
      organization: null,
      project: null,
      logLevel: 'off',
    });
    const wire = request.output ? wireFor(request.output.schema) : undefined;
    const params = openaiParams(request, turn, settings.model, {
      wire,
      tokenParameter: flavour.tokenParameter,
    });
    const structured = (text: string) => (request.output ? text : undefined);
    try {
      if (request.onText || request.onStream) {
        const { data: stream, request_id } = await sdk.chat.completions
          .create(
            { ...params, stream: true, stream_options: { include_usage: true } },
            { signal: request.signal },
          )
          .withResponse();
        const parts = await readOpenAIStream(stream, request.onText, request.onStream);
        if (request.signal?.aborted) throw abortedError(request.signal, counter.count());
        if (!parts.complete) {
          throw new ProviderError(`${flavour.provider}: the stream ended before a finish_reason`, {
            kind: 'stream_dropped',
            isRetryable: true,
            attempts: counter.count(),
          });
        }
        return {
          ...parts,
          model: parts.model || settings.model,
          structuredText: structured(parts.text),
          requestId: request_id ?? undefined,
          httpAttempts: counter.count(),
        } satisfies RawAnswer;
      }
      const { data: completion, request_id } = await sdk.chat.completions
        .create(params, { signal: request.signal })
        .withResponse();
      const choice = completion.choices[0];
      const text = choice?.message?.content ?? '';
      const calls = (choice?.message?.tool_calls ?? []).flatMap((tool) =>
        tool.type === 'function'
          ? [{ id: tool.id, name: tool.function.name, arguments: tool.function.arguments }]
          : [],
      );
      return {
        text,
        structuredText: structured(text),
        toolCalls: toolCallsOf(calls),
        stopReason: stopReasonOf(choice?.finish_reason),
        tokens: tokensOf(completion.usage),
        model: completion.model || settings.model,
        requestId: request_id ?? undefined,
        httpAttempts: counter.count(),
      } satisfies RawAnswer;
    } catch (error) {
      throw failedCallError(error, {
        signal: request.signal,
        provider: flavour.provider,
        attempts: counter.count(),
        secrets,
      });
    }
  };

  return {
    specificationVersion: MODEL_CLIENT_SPEC_VERSION,
    provider: flavour.provider,
    modelId: settings.model,
    generate: (request) =>
      generateWithPolicy(request, call, policy, request.output ? wireFor(request.output.schema) : undefined),
  };
}

import Anthropic from '@anthropic-ai/sdk';
import { ProviderError } from '../../src/errors/index.js';
import { generateWithPolicy } from '../generate-loop.js';
import { toWireSchema } from '../json-schema.js';
import { createCountingFetch, type AdapterCall, type RawAnswer } from '../raw-answer.js';
import { abortedError } from '../retry.js';
import { failedCallError } from '../sdk-errors.js';
import { PERSONA_HEADER, policyFor, type AdapterSettings } from '../settings.js';
import { MODEL_CLIENT_SPEC_VERSION, type ModelClient } from '../types.js';
import { partsFromBlocks, stopReasonOf, tokensOf } from './anthropic-answer.js';
import { anthropicParams } from './anthropic-request.js';
import { readAnthropicStream } from './anthropic-stream.js';

/**
 * A ModelClient on the Anthropic Messages API through @anthropic-ai/sdk. The SDK retries
 * 408/409/429/5xx (529 included) honouring retry-after; generate-loop handles the rest.
 */
export function createAnthropicClient(settings: AdapterSettings): ModelClient {
  const policy = policyFor('anthropic', settings);
  const secrets = settings.apiKey ? [settings.apiKey] : [];

  const call: AdapterCall = async (request, turn) => {
    const counter = createCountingFetch(settings.fetch);
    const sdk = new Anthropic({
      apiKey: settings.apiKey,
      // Only the key we resolved: never an ANTHROPIC_AUTH_TOKEN picked up from the environment.
      authToken: null,
      baseURL: settings.baseUrl,
      maxRetries: settings.maxRetries,
      timeout: settings.timeoutMs,
      fetch: counter.fetch,
      defaultHeaders: { [PERSONA_HEADER]: request.persona },
      logLevel: 'off',
    });
    const wire = request.output ? toWireSchema(request.output.schema, { strict: false }) : undefined;
    const params = anthropicParams(request, turn, settings.model, wire);
    const outputName = request.output?.name;
    try {
      // Long answers stream even without onText: the API drops idle non-streaming requests.
      if (request.onText || request.onStream || turn.maxTokens > 16_000) {
        const { data: stream, request_id } = await sdk.messages
          .create({ ...params, stream: true }, { signal: request.signal })
          .withResponse();
        const parts = await readAnthropicStream(stream, {
          outputName,
          onText: request.onText,
          onStream: request.onStream,
        });
        if (request.signal?.aborted) throw abortedError(request.signal, counter.count());
        if (!parts.complete) {
          throw new ProviderError('anthropic: the stream ended before message_stop', {
            kind: 'stream_dropped',
            isRetryable: true,
            attempts: counter.count(),
          });
        }
        return {
          ...parts,
          requestId: request_id ?? undefined,
          httpAttempts: counter.count(),
        } satisfies RawAnswer;
      }
      const { data: message, request_id } = await sdk.messages
        .create(params, { signal: request.signal })
        .withResponse();
      return {
        ...partsFromBlocks(message.content as Parameters<typeof partsFromBlocks>[0], outputName),
        stopReason: stopReasonOf(message.stop_reason),
        tokens: tokensOf(message.usage),
        model: message.model,
        requestId: request_id ?? undefined,
        httpAttempts: counter.count(),
      } satisfies RawAnswer;
    } catch (error) {
      throw failedCallError(error, {
        signal: request.signal,
        provider: 'anthropic',
        attempts: counter.count(),
        secrets,
      });
    }
  };

  return {
    specificationVersion: MODEL_CLIENT_SPEC_VERSION,
    provider: 'anthropic',
    modelId: settings.model,
    generate: (request) =>
      generateWithPolicy(
        request,
        call,
        policy,
        request.output ? toWireSchema(request.output.schema, { strict: false }) : undefined,
      ),
  };
}

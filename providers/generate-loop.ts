import { ProviderError } from '../src/errors/index.js';
import type { RawAnswer, AdapterCall, TokenCounts } from './raw-answer.js';
import { withRetry } from './retry.js';
import { CONTENT_RETRY_KINDS } from './sdk-errors.js';
import { checkStructuredAnswer, repairPrompt } from './structured-output.js';
import type { WireSchema } from './json-schema.js';
import type { ChatMessage, ModelRequest, ModelResponse } from './types.js';

/** How an adapter's calls are retried and budgeted. */
export interface GeneratePolicy {
  provider: string;
  /** Total tries for stream faults, malformed JSON and max_tokens (default 3). */
  contentAttempts: number;
  retryBaseDelayMs: number;
  defaultMaxTokens: number;
  /** max_tokens retries double the budget up to this ceiling. */
  maxTokensCeiling: number;
  now: () => number;
}

/**
 * The shared half of every adapter: retries what the SDKs do not, checks structured output
 * with zod, makes one repair turn, sums usage over every attempt, and raises typed errors.
 */
export async function generateWithPolicy<T>(
  request: ModelRequest<T>,
  call: AdapterCall,
  policy: GeneratePolicy,
  wire?: WireSchema,
): Promise<ModelResponse<T>> {
  const started = policy.now();
  const tokens: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  let attempts = 0;
  let budget = request.maxTokens ?? policy.defaultMaxTokens;

  const runTurn = (messages: ChatMessage[]) =>
    withRetry(
      async () => {
        let answer: RawAnswer;
        try {
          answer = await call(request as ModelRequest, { messages, maxTokens: budget });
        } catch (error) {
          attempts += error instanceof ProviderError ? (error.attempts ?? 1) : 1;
          throw error;
        }
        attempts += answer.httpAttempts;
        addTokens(tokens, answer.tokens);
        const rawText = answer.structuredText ?? answer.text;
        if (answer.stopReason === 'max_tokens') {
          const limit = budget;
          budget = Math.min(policy.maxTokensCeiling, budget * 2);
          throw new ProviderError(
            `${policy.provider}: the answer hit the ${limit} token limit before it was complete`,
            { kind: 'max_tokens', isRetryable: true, rawText },
          );
        }
        // The model chose to call one of the caller's tools: nothing to validate yet.
        const calledTools = answer.stopReason === 'tool_use' && answer.toolCalls.length > 0;
        if (!request.output || !wire || calledTools) return { answer, check: undefined };
        const check = checkStructuredAnswer(rawText, request.output.schema, wire.wrapped);
        if (!check.ok && check.reason === 'invalid_json') {
          throw new ProviderError(`${policy.provider}: ${check.message}`, {
            kind: 'invalid_json',
            isRetryable: true,
            rawText,
          });
        }
        return { answer, check };
      },
      {
        maxAttempts: policy.contentAttempts,
        baseDelayMs: policy.retryBaseDelayMs,
        signal: request.signal,
        shouldRetry: (error) => error instanceof ProviderError && CONTENT_RETRY_KINDS.has(error.kind),
      },
    ).catch((error: unknown) => {
      throw withAttempts(error, attempts);
    });

  let { answer, check } = await runTurn(request.messages);
  if (check && !check.ok) {
    const rawText = answer.structuredText ?? answer.text;
    const repairMessages: ChatMessage[] = [
      ...request.messages,
      { role: 'assistant', content: rawText },
      { role: 'user', content: repairPrompt(check.message) },
    ];
    ({ answer, check } = await runTurn(repairMessages));
    if (check && !check.ok) {
      throw new ProviderError(
        `${policy.provider}: the ${request.persona} answer still does not match the "${request.output?.name}" schema after one repair turn:\n${check.message}`,
        {
          kind: 'schema_invalid',
          isRetryable: false,
          rawText: answer.structuredText ?? answer.text,
          attempts,
        },
      );
    }
  }
  return {
    text: answer.structuredText ?? answer.text,
    data: check?.ok ? check.data : undefined,
    toolCalls: answer.toolCalls,
    // A forced structured-output tool call is a finished answer, not a tool request.
    stopReason:
      check?.ok && answer.stopReason === 'tool_use' && answer.toolCalls.length === 0
        ? 'end'
        : answer.stopReason,
    usage: {
      ...tokens,
      model: answer.model,
      provider: policy.provider,
      latencyMs: policy.now() - started,
      requestId: answer.requestId,
      attempts,
    },
  };
}

function addTokens(total: TokenCounts, more: TokenCounts): void {
  total.inputTokens += more.inputTokens;
  total.outputTokens += more.outputTokens;
  total.cacheReadTokens += more.cacheReadTokens;
  total.cacheWriteTokens += more.cacheWriteTokens;
}

/** Copies a ProviderError with the total attempt count of the whole call. */
function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof ProviderError)) return error;
  return new ProviderError(
    error.kind === 'aborted' ? error.message : `${error.message} (${attempts} attempt(s) in all)`,
    {
      kind: error.kind,
      statusCode: error.statusCode,
      isRetryable: error.isRetryable,
      rawText: error.rawText,
      attempts,
    },
    { hint: error.hint, cause: error.cause ?? error },
  );
}

import { ProviderError } from '../src/errors/index.js';
import { abortedError } from './retry.js';

/** The shape both SDKs give their errors (`APIError` and subclasses). */
interface SdkErrorLike {
  name?: string;
  status?: number;
  message?: string;
}

/** Kinds our retry helper retries: failures the SDKs do not retry themselves. */
export const CONTENT_RETRY_KINDS = new Set(['stream_error', 'stream_dropped', 'invalid_json', 'max_tokens']);

/**
 * Maps an error thrown by @anthropic-ai/sdk or openai (after the SDK's own retries) to a
 * ProviderError. The key is never part of an SDK error message, but messages are scrubbed anyway.
 */
export function toProviderError(
  error: unknown,
  context: { provider: string; attempts: number; secrets: string[] },
): ProviderError {
  if (error instanceof ProviderError) return error;
  const sdk = (error ?? {}) as SdkErrorLike;
  // The openai SDK leaves `name` as 'Error'; the class name is reliable in both SDKs.
  const name = (error as object | null)?.constructor?.name ?? sdk.name ?? '';
  const scrub = (text: string) =>
    context.secrets.reduce(
      (result, secret) => (secret ? result.split(secret).join('[REDACTED]') : result),
      text,
    );
  const base = `${context.provider}: `;
  const message = scrub(String(sdk.message ?? error));
  const details = (kind: string, isRetryable: boolean, statusCode?: number) => ({
    kind,
    isRetryable,
    statusCode,
    attempts: context.attempts,
  });
  const attemptsText = `after ${context.attempts} attempt(s)`;

  if (name === 'APIUserAbortError')
    return new ProviderError(`${base}the model call was cancelled`, details('aborted', false));
  if (name === 'APIConnectionTimeoutError') {
    return new ProviderError(
      `${base}the model did not answer in time ${attemptsText}`,
      details('timeout', true),
      {
        hint: 'Raise timeoutMs in .infrakit/config.yaml, or try again later.',
      },
    );
  }
  if (name === 'APIConnectionError') {
    return new ProviderError(
      `${base}could not connect to the model API ${attemptsText}: ${message}`,
      details('connection', true),
      {
        hint: 'Check the network and --base-url.',
      },
    );
  }
  if (typeof sdk.status === 'number') {
    const status = sdk.status;
    if (status === 401 || status === 403) {
      return new ProviderError(
        `${base}the API key was rejected (HTTP ${status})`,
        details('auth', false, status),
        { hint: 'Check the key in your environment or user config.' },
      );
    }
    if (status === 429)
      return new ProviderError(`${base}rate limited ${attemptsText}`, details('rate_limit', true, status), {
        hint: 'Wait a minute and resume the track.',
      });
    if (status === 529)
      return new ProviderError(
        `${base}the API is overloaded ${attemptsText}`,
        details('overloaded', true, status),
        { hint: 'Try again later.' },
      );
    if (status >= 500)
      return new ProviderError(
        `${base}server error HTTP ${status} ${attemptsText}: ${message}`,
        details('server_error', true, status),
      );
    return new ProviderError(
      `${base}the API refused the request (HTTP ${status}): ${message}`,
      details('bad_request', false, status),
    );
  }
  if (name === 'APIError')
    return new ProviderError(
      `${base}the API sent an error inside the stream: ${message}`,
      details('stream_error', true),
    );
  if (name === 'SyntaxError')
    return new ProviderError(
      `${base}the API sent a malformed response: ${message}`,
      details('stream_dropped', true),
    );
  return new ProviderError(
    `${base}the connection ended before the answer was complete: ${message}`,
    details('stream_dropped', true),
  );
}

/**
 * The error an adapter call ends with when the SDK throws: cancelled when the caller's signal fired,
 * else the SDK error mapped. `attempts` is the HTTP requests the call made (at least one is reported).
 */
export function failedCallError(
  error: unknown,
  context: { signal?: AbortSignal; provider: string; attempts: number; secrets: string[] },
): ProviderError {
  if (context.signal?.aborted) return abortedError(context.signal, context.attempts);
  return toProviderError(error, {
    provider: context.provider,
    attempts: Math.max(1, context.attempts),
    secrets: context.secrets,
  });
}

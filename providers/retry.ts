import { ProviderError } from '../src/errors/index.js';

/** Options of the one retry helper for what the SDKs do not retry. */
export interface RetryOptions {
  /** Total tries, including the first. */
  maxAttempts: number;
  /** First back-off; doubles per try. 0 in tests. */
  baseDelayMs: number;
  signal?: AbortSignal;
  /** Whether a failure of try `attempt` (1-based) deserves another try. */
  shouldRetry(error: unknown, attempt: number): boolean;
}

/**
 * Runs `operation` until it succeeds, a failure is not retryable, or the tries run out.
 * An aborted signal stops at once and is never retried. Modelled on vercel/ai's
 * retry-with-exponential-backoff.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    throwIfAborted(options.signal);
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw abortedError(options.signal);
      if (attempt >= options.maxAttempts || !options.shouldRetry(error, attempt)) throw error;
      await sleep(options.baseDelayMs * 2 ** (attempt - 1), options.signal);
    }
  }
}

/** The ProviderError for a call the user (or a timeout) cancelled. */
export function abortedError(signal?: AbortSignal, attempts?: number): ProviderError {
  return new ProviderError(
    'the model call was cancelled',
    { kind: 'aborted', isRetryable: false, attempts },
    { cause: signal?.reason },
  );
}

/** Throws the aborted ProviderError when the signal has fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortedError(signal);
}

function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

import { describe, expect, it } from 'vitest';
import { withRetry } from '../../providers/retry.js';

describe('withRetry', () => {
  it('retries while shouldRetry says so, up to maxAttempts', async () => {
    let calls = 0;
    const failure = await withRetry(
      async () => {
        calls += 1;
        throw new Error('again');
      },
      { maxAttempts: 3, baseDelayMs: 0, shouldRetry: () => true },
    ).catch((error: Error) => error);
    expect(calls).toBe(3);
    expect(failure).toBeInstanceOf(Error);
  });

  it('stops at once on a failure that is not retryable', async () => {
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        throw new Error('fatal');
      },
      { maxAttempts: 5, baseDelayMs: 0, shouldRetry: () => false },
    ).catch(() => undefined);
    expect(calls).toBe(1);
  });

  it('never retries an aborted call and reports kind aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const failure = await withRetry(
      async () => {
        calls += 1;
        controller.abort();
        throw new Error('cut');
      },
      { maxAttempts: 5, baseDelayMs: 0, signal: controller.signal, shouldRetry: () => true },
    ).catch((error: unknown) => error);
    expect(calls).toBe(1);
    expect(failure).toMatchObject({ name: 'ProviderError', kind: 'aborted' });
  });

  it('aborts during the back-off wait', async () => {
    const controller = new AbortController();
    const pending = withRetry(
      async () => {
        setTimeout(() => controller.abort(), 5);
        throw new Error('retry me');
      },
      { maxAttempts: 5, baseDelayMs: 60_000, signal: controller.signal, shouldRetry: () => true },
    ).catch((error: unknown) => error);
    expect(await pending).toMatchObject({ kind: 'aborted' });
  });
});

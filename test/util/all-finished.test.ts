import { describe, expect, it } from 'vitest';
import { allFinished } from '../../src/util/all-finished.js';

describe('allFinished', () => {
  it('resolves with every value in list order', async () => {
    let release = () => {};
    const late = new Promise<string>((resolve) => (release = () => resolve('late')));
    const values = allFinished([late, Promise.resolve(2), undefined] as const);
    release();
    expect(await values).toEqual(['late', 2, undefined]);
  });

  it('rejects with the first failure in list order, only once every promise has settled', async () => {
    let release = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    const outcome = allFinished([
      Promise.resolve(1),
      Promise.reject(new Error('first')),
      slow,
      Promise.reject(new Error('second')),
    ]).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    void outcome.finally(() => (answered = true));
    // Both rejections have happened; the slow one still runs, so there is no answer yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    release();
    expect(await outcome).toBe('first');
  });
});

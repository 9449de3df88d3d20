import { describe, expect, it } from 'vitest';
import { createIntervalRecorder, lengthOutside, merged, unionLength } from '../../bench/lib/intervals.js';

describe('interval arithmetic of the bench breakdowns', () => {
  it('merges overlapping and touching intervals, drops empty ones', () => {
    expect(
      merged([
        [5, 7],
        [0, 2],
        [1, 3],
        [3, 4],
        [9, 9],
      ]),
    ).toEqual([
      [0, 4],
      [5, 7],
    ]);
    expect(
      unionLength([
        [0, 2],
        [1, 3],
        [5, 7],
      ]),
    ).toBe(5);
  });

  it('measures the time intervals cover outside others', () => {
    // 0-10 less 2-4 and 3-6 (together 2-6) and 9-12: 0-2 and 6-9 are left, 2 + 3 = 5.
    expect(
      lengthOutside(
        [[0, 10]],
        [
          [2, 4],
          [3, 6],
          [9, 12],
        ],
      ),
    ).toBe(5);
    expect(
      lengthOutside(
        [
          [0, 2],
          [1, 5],
        ],
        [],
      ),
    ).toBe(5);
    expect(lengthOutside([[0, 5]], [[0, 5]])).toBe(0);
  });

  it("splits a run's own time: work hidden under a model call does not count", async () => {
    let clock = 0;
    const recorder = createIntervalRecorder(() => clock);
    recorder.add('model', 0, 100);
    recorder.add('git', 90, 130); // a commit overlapping the call: 30 of its 40 ms are own time
    recorder.add('model', 120, 220);
    recorder.add('gate (external validator)', 220, 260);
    recorder.add('git', 255, 270);
    clock = 300;
    await recorder.time('git', async () => {
      clock = 310;
    });
    const waited = ['model', 'gate (external validator)'];
    // 0-100, 120-220 and 220-260.
    expect(recorder.coveredBy(waited)).toBe(240);
    // 100-120 (between the calls), 260-270 (after the validator), 300-310.
    expect(recorder.totalsOutside(waited)).toEqual({ git: 20 + 10 + 10 });
  });
});

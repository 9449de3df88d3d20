import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './lib/bench-context.js';
import type { Figure } from './lib/figure.js';
import { pairedRatios, summarize } from './lib/stats.js';

/**
 * P4 belongs to the verify engineer (bench/p4-verify.mjs): run it as its own process when it exists,
 * keep its output, and take its figures from the last line when that line is JSON.
 */
export async function measureVerify(context: BenchContext): Promise<Figure[]> {
  const script = join(context.projectRoot, 'bench', 'p4-verify.mjs');
  const base = { id: 'P4', title: 'verification', target: 'see bench/p4-verify.mjs' };
  if (!existsSync(script))
    return [{ ...base, status: 'skipped', reason: 'bench/p4-verify.mjs does not exist yet', details: {} }];
  const result = spawnSync(process.execPath, [script], {
    cwd: context.projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const lines = (result.stdout ?? '').trim().split('\n').filter(Boolean);
  if (result.status !== 0) {
    return [
      {
        ...base,
        status: 'failed',
        reason: `bench/p4-verify.mjs exited ${result.status}: ${(result.stderr ?? '').trim().split('\n').pop() ?? ''}`,
        details: { output: lines },
      },
    ];
  }
  let figures: unknown;
  try {
    figures = JSON.parse(lines[lines.length - 1] ?? '');
  } catch {
    figures = undefined;
  }
  const printed = figures === undefined ? lines : lines.slice(0, -1);
  const skipped = figures as { skipped?: boolean; reason?: string } | undefined;
  if (skipped?.skipped)
    return [
      {
        ...base,
        status: 'skipped',
        reason: `bench/p4-verify.mjs: ${skipped.reason ?? 'skipped'}`,
        details: { output: printed },
      },
    ];
  const measured = figures as
    { verifyProcessMs?: number[]; nodeStartMs?: number[]; verifyProcessMedianMs?: number } | undefined;
  const processTimes = measured?.verifyProcessMs ?? [];
  const bare = measured?.nodeStartMs ?? [];
  if (processTimes.length === 0 || processTimes.length !== bare.length)
    return [
      { ...base, status: 'measured', details: { summary: printed.join(' | '), output: printed, figures } },
    ];
  const absolute = summarize(processTimes);
  return [
    {
      ...base,
      title: 'verify 50 resources against the full provider CRD set, whole process, warm',
      status: 'measured',
      ratio: summarize(pairedRatios(processTimes, bare)),
      ratioOf: `time (${absolute.median.toFixed(1)} ms) / bare node (${summarize(bare).median.toFixed(1)} ms)`,
      target: '<= 200 ms absolute',
      met: absolute.median <= 200,
      details: { output: printed, figures },
    },
  ];
}

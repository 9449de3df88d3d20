import type { BenchContext } from './lib/bench-context.js';
import { driveCase, type CaseDrive } from './lib/drive-case.js';
import type { Figure } from './lib/figure.js';
import { pairedRatios, summarize } from './lib/stats.js';

const CASE_ID = 'keyspaces-keyspace';
const REVIEWERS = new Set(['architect', 'security-engineer']);

/** True when a START drive ended with the spec reviewed (`specReviewed` or `spec-reviewed`). */
export const reachedReviewedSpec = (outcome: string): boolean => /^spec-?reviewed/i.test(outcome);

/** Wall time of the review stage alone: first review request received to last review answered. */
export function reviewStageMs(drive: CaseDrive): number {
  const reviews = drive.requests.filter(
    (request) => request.persona !== undefined && REVIEWERS.has(request.persona),
  );
  if (reviews.length === 0) return 0;
  const start = Math.min(...reviews.map((request) => request.receivedAt));
  const end = Math.max(...reviews.map((request) => request.respondedAt ?? request.receivedAt));
  return end - start;
}

/**
 * P1: request → reviewed spec (START), reviews concurrent as shipped against the same run with the
 * review calls serialised, at equal mock latency; runs interleaved so both see the same load.
 */
export async function measureParallelReviews(context: BenchContext): Promise<Figure[]> {
  const concurrent: number[] = [];
  const sequential: number[] = [];
  const concurrentReview: number[] = [];
  const sequentialReview: number[] = [];
  let calls = 0;
  for (let run = 0; run < context.runs; run += 1) {
    const parallelRun = await driveCase(context, CASE_ID, {
      latencyMs: context.latencyMs,
      events: ['START'],
    });
    const serialRun = await driveCase(context, CASE_ID, {
      latencyMs: context.latencyMs,
      events: ['START'],
      serialReviews: true,
    });
    if (!reachedReviewedSpec(parallelRun.outcome) || !reachedReviewedSpec(serialRun.outcome)) {
      throw new Error(`the run did not reach specReviewed (${parallelRun.outcome} / ${serialRun.outcome})`);
    }
    concurrent.push(parallelRun.wallMs);
    sequential.push(serialRun.wallMs);
    concurrentReview.push(reviewStageMs(parallelRun));
    sequentialReview.push(reviewStageMs(serialRun));
    calls = parallelRun.requests.length;
  }
  const ratio = summarize(pairedRatios(concurrent, sequential));
  return [
    {
      id: 'P1',
      title: 'parallel reviews',
      status: 'measured',
      ratio,
      ratioOf: `request→reviewed spec, concurrent / sequential reviews (${context.latencyMs} ms per call, ${calls} calls)`,
      target: '<= 0.8x',
      met: ratio.median <= 0.8,
      details: {
        case: CASE_ID,
        latencyMs: context.latencyMs,
        modelCalls: calls,
        concurrentMs: summarize(concurrent),
        sequentialMs: summarize(sequential),
        reviewStageRatio: summarize(pairedRatios(concurrentReview, sequentialReview)),
        note: 'the whole span includes the Solutions Engineer interview (one call per question plus the spec), which no parallelism can shorten',
      },
    },
  ];
}

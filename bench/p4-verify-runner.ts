import type { BenchContext } from './lib/bench-context.js';
import type { Figure } from './lib/figure.js';

/** Placeholder until written. */
export async function measureVerify(context: BenchContext): Promise<Figure[]> {
  void context;
  throw new Error('not written yet');
}

import { UsageError } from '../errors/index.js';
import { committedSteps } from '../tracks/git-steps.js';
import { trackPath } from '../tracks/naming.js';
import type { PipelineDeps } from './deps.js';
import type { ReviewResult } from './output-schemas.js';
import { withLock } from './operations.js';
import { personaById } from './session.js';
import { reviewSpec } from './steps/review.js';
import { openTrack } from './track-session.js';
import { readTrackFile } from './track-files.js';

/**
 * Re-runs one review on demand (architect-review, security-review): writes review-<id>.md/.json
 * and commits them as one commit. The track's machine state is not changed.
 */
export async function rerunReview(
  deps: PipelineDeps,
  reference: string,
  reviewerId: string,
): Promise<{ track: string; review: ReviewResult; commit?: string }> {
  return withLock(openTrack(deps, reference), async ({ session }) => {
    personaById(session, reviewerId);
    if (!(await readTrackFile(session, 'spec.md')))
      throw new UsageError(`track ${session.meta.track} has no spec.md yet`, {
        hint: `Finish the interview first: infrakit resume ${session.meta.track}`,
      });
    const result = await reviewSpec(session, reviewerId);
    const review = JSON.parse(
      (await readTrackFile(session, `review-${reviewerId}.json`)) ?? '{}',
    ) as ReviewResult;
    const runs = (await committedSteps(deps.repo, session.meta.track)).size;
    const commit = await deps.repo.commitPaths(
      [...result.files, trackPath(session.meta.track, 'ledger.jsonl')],
      `infrakit(${session.meta.track}): review-${reviewerId} re-run by ${reviewerId} (after ${runs} steps)`,
    );
    return { track: session.meta.track, review, commit };
  });
}

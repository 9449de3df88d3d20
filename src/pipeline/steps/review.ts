import type { ReviewOutput } from '../../../machines/relay-types.js';
import { callPersona } from '../call-persona.js';
import { ReviewSchema } from '../output-schemas.js';
import { renderReview } from '../render.js';
import { personaById, type TrackSession } from '../session.js';
import { writeTrackFile } from '../track-files.js';

/** One reviewer's isolated review of the spec, written to review-<id>.json and review-<id>.md. */
export async function reviewSpec(session: TrackSession, reviewerId: string): Promise<ReviewOutput> {
  const persona = personaById(session, reviewerId);
  const review = await callPersona(session, persona, {
    step: 'review',
    instruction:
      'Review the spec below against the constraints. Give severity-tagged findings and a verdict: REJECT when any critical or high finding is open, ' +
      'APPROVE WITH CHANGES when only medium or low findings remain, APPROVE otherwise.',
    output: { name: 'review', schema: ReviewSchema },
  });
  const files = [
    await writeTrackFile(session, `review-${reviewerId}.json`, `${JSON.stringify(review, null, 2)}\n`),
    await writeTrackFile(session, `review-${reviewerId}.md`, renderReview(persona, review)),
  ];
  const openFindings = review.findings.filter((finding) => finding.severity !== 'info').length;
  return { verdict: review.verdict, openFindings, files };
}

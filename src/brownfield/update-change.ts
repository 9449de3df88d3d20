import type { ParsedSource } from '../iac/resource-model.js';
import { personaForStage } from '../personas/load.js';
import { callPersona } from '../pipeline/call-persona.js';
import { ClarifySchema, ReviewSchema } from '../pipeline/output-schemas.js';
import { renderReview } from '../pipeline/render.js';
import { personaById, type TrackSession } from '../pipeline/session.js';
import { answerQuestion } from '../pipeline/steps/answer.js';
import { writeTrackFile } from '../pipeline/track-files.js';
import { affectedCode } from './affected-code.js';
import type { Baseline } from './baseline.js';
import { CHANGE_INSTRUCTION, REVIEW_INSTRUCTION } from './update-prompts.js';
import type { StepRecorder } from './update-record.js';

/** What the change discussion needs: the change, the question limit, and the code with its baseline. */
export interface ChangeInput {
  change: string;
  maxQuestions: number;
  parsed: ParsedSource;
  texts: Map<string, string>;
  baseline: Baseline;
}

const blockedWith = async (reason: string): Promise<{ blockedReason?: string }> => ({
  blockedReason: reason,
});

/**
 * The change step of an update track: the Solutions Engineer asks about the change only (the
 * pipeline's Q&A, so --answers works), writes the change spec with the current code of the affected
 * resources and the baseline, then every reviewer judges it in parallel. A REJECT blocks.
 */
export async function discussChange(
  session: TrackSession,
  recorder: StepRecorder,
  input: ChangeInput,
): Promise<{ blockedReason?: string }> {
  const baseline = input.baseline;
  // The change: the Solutions Engineer asks about the change only.
  const spec = personaForStage(session.personas, 'spec');
  let changeSpec: string | undefined;
  for (let number = 1; !changeSpec; number += 1) {
    const mustFinish = number > input.maxQuestions;
    const answer = await callPersona(session, spec, {
      step: 'change',
      instruction: mustFinish
        ? `${CHANGE_INSTRUCTION} You may ask no more questions: write the change spec now.`
        : CHANGE_INSTRUCTION,
      output: { name: 'clarify', schema: ClarifySchema },
    });
    if (answer.spec?.trim()) changeSpec = answer.spec.trim();
    else if (answer.question && !mustFinish) {
      const saved = await answerQuestion(
        session,
        {
          key: answer.question.key.trim() || 'question',
          text: answer.question.text.trim(),
          options: answer.question.options,
        },
        number,
      );
      await recorder.record('question', spec.id, saved.files, 'specifying');
    } else
      return blockedWith(
        `${spec.title} returned ${mustFinish ? 'another question after the question limit' : 'neither a question nor a change spec'}`,
      );
  }
  const affected = affectedCode(input.parsed, input.texts, `${input.change}\n${changeSpec}`);
  const specText = `${changeSpec}\n\n## Current code of the affected resources\n\n${affected.text}\n\n## Baseline\n\n${baseline.findings.length} finding(s) before the change; see baseline.md. Validator: ${baseline.gates.find((gate) => gate.gate === 'validator')?.summary ?? 'not run'}.\n`;
  await recorder.record('spec', spec.id, [await writeTrackFile(session, 'spec.md', specText)], 'reviewing');

  // The reviews, in parallel, each an isolated call.
  const reviews = await Promise.all(
    session.meta.reviewerIds.map(async (id) => {
      const persona = personaById(session, id);
      const review = await callPersona(session, persona, {
        step: 'review',
        instruction: REVIEW_INSTRUCTION,
        output: { name: 'review', schema: ReviewSchema },
      });
      const files = [
        await writeTrackFile(session, `review-${id}.json`, `${JSON.stringify(review, null, 2)}\n`),
        await writeTrackFile(session, `review-${id}.md`, renderReview(persona, review)),
      ];
      return { id, review, files };
    }),
  );
  for (const { id, files } of reviews) await recorder.record('review', id, files, 'reviewing');
  const rejected = reviews.filter(({ review }) => review.verdict === 'REJECT');
  if (rejected.length)
    return blockedWith(
      `the change was rejected by ${rejected.map(({ id }) => id).join(' and ')}: ${rejected.flatMap(({ review }) => review.findings.filter((finding) => finding.severity === 'critical' || finding.severity === 'high').map((finding) => `${finding.id} ${finding.title}`)).join('; ')}`,
    );

  return {};
}

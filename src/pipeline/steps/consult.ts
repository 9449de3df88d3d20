import type { ConsultInput, ConsultOutput } from '../../../machines/relay-types.js';
import { ProviderError } from '../../errors/index.js';
import { personaForStage } from '../../personas/load.js';
import { callPersona } from '../call-persona.js';
import { ClarifySchema } from '../output-schemas.js';
import type { TrackSession } from '../session.js';
import { writeTrackFile } from '../track-files.js';

function instructionFor(input: ConsultInput): string {
  const base =
    'Return either ONE clarifying question (question set, spec null) or the finished spec (spec set, question null). ' +
    'Ask only what changes the design and is not already answered by the constraints or earlier answers.';
  if (input.mustFinish)
    return `${base} You have asked all the questions you may: write the finished spec now, stating assumptions.`;
  if (input.revision > 0)
    return `${base} The reviewers sent the spec back (revision ${input.revision}): resolve every finding listed under Findings.`;
  return base;
}

/** The Solutions Engineer's turn: one question, or the spec written to spec.md. */
export async function consultSolutionsEngineer(
  session: TrackSession,
  input: ConsultInput,
): Promise<ConsultOutput> {
  const persona = personaForStage(session.personas, 'spec');
  const answer = await callPersona(session, persona, {
    step: 'spec',
    instruction: instructionFor(input),
    output: { name: 'clarify', schema: ClarifySchema },
  });
  if (answer.spec && answer.spec.trim()) {
    return { kind: 'spec', files: [await writeTrackFile(session, 'spec.md', `${answer.spec.trim()}\n`)] };
  }
  if (answer.question && !input.mustFinish) {
    const key = answer.question.key.trim() || 'question';
    return {
      kind: 'question',
      question: { key, text: answer.question.text.trim(), options: answer.question.options },
    };
  }
  throw new ProviderError(
    `${persona.title} returned ${input.mustFinish ? 'another question after the question limit' : 'neither a question nor a spec'}`,
    {
      kind: 'invalid_answer',
    },
  );
}

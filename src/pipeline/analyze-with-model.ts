import { personaForStage } from '../personas/load.js';
import type { DriftReport } from './analyze.js';
import { callPersona } from './call-persona.js';
import { ReviewSchema, type ReviewResult } from './output-schemas.js';
import type { TrackSession } from './session.js';

/** The model's second opinion on drift: the IaC Engineer reads spec, tasks and code and lists gaps as findings. */
export async function modelDriftOpinion(session: TrackSession, report: DriftReport): Promise<ReviewResult> {
  const persona = personaForStage(session.personas, 'engineer');
  const known = report.drift.length ? report.drift.map((item) => `- ${item.message}`).join('\n') : '- none';
  return callPersona(session, persona, {
    step: 'analyze',
    instruction:
      'Check for drift between the spec, the tasks and the code: requirements the code does not meet, code no requirement asks for, ' +
      `tasks that do not match the code. The deterministic check already found:\n${known}\nList only further gaps as findings; verdict APPROVE when there are none.`,
    output: { name: 'review', schema: ReviewSchema },
  });
}

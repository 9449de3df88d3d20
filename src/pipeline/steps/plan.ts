import type { FilesOutput } from '../../../machines/relay-types.js';
import { personaForStage } from '../../personas/load.js';
import { expectedFiles } from '../../tracks/code-location.js';
import { callPersona } from '../call-persona.js';
import { PlanSchema } from '../output-schemas.js';
import { renderTasks } from '../render.js';
import type { TrackSession } from '../session.js';
import { writeTrackFile } from '../track-files.js';

/** The IaC Engineer's plan: plan.md and tasks.md (each task names its requirements and files). */
export async function writePlan(session: TrackSession, mode: 'full' | 'quick'): Promise<FilesOutput> {
  const persona = personaForStage(session.personas, 'engineer');
  const files = expectedFiles(session.meta.tool, session.constraints).join(', ');
  const subject =
    mode === 'quick' ? 'the change described under Request (a quick fix; there may be no spec)' : 'the spec';
  const result = await callPersona(session, persona, {
    step: 'plan',
    instruction:
      `Plan the ${session.meta.tool} code for ${subject}. Output folder: ${session.meta.codeDirectory} (expected files: ${files}). ` +
      'Break the work into tasks T1, T2, ...; each task lists the requirement ids (R#) it satisfies and the files it writes, relative to the output folder.',
    output: { name: 'plan', schema: PlanSchema },
  });
  return {
    files: [
      await writeTrackFile(session, 'plan.md', `${result.plan.trim()}\n`),
      await writeTrackFile(session, 'tasks.md', renderTasks(result.tasks)),
    ],
  };
}

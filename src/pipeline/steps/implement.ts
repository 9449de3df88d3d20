import { BlockedError } from '../../errors/index.js';
import type { FilesOutput } from '../../../machines/relay-types.js';
import { personaForStage } from '../../personas/load.js';
import { callPersona } from '../call-persona.js';
import { CodeSchema } from '../output-schemas.js';
import type { TrackSession } from '../session.js';
import { parseTasks } from '../tasks-file.js';
import { readTrackFile } from '../track-files.js';
import { writeCodeFiles } from './write-code.js';

const VERIFY_RULE =
  'Use the schema lookup tools to check every resource type and field before you write it; never write a field from memory. ' +
  'Apply the tagging standard to every taggable resource. Return complete file contents, paths relative to the output folder.';

/** The IaC Engineer writes the code task by task: one isolated call per task, files written as they come. */
export async function implementTasks(session: TrackSession): Promise<FilesOutput> {
  const persona = personaForStage(session.personas, 'engineer');
  const tasks = parseTasks((await readTrackFile(session, 'tasks.md')) ?? '');
  if (tasks.length === 0)
    throw new BlockedError('tasks.md lists no tasks', { hint: 'Run "infrakit plan <track>" first.' });
  const tools = await session.deps.lookupTools();
  const written = new Set<string>();
  for (const task of tasks) {
    const result = await callPersona(session, persona, {
      step: `code ${task.id}`,
      instruction: `Implement task ${task.id}: ${task.title} (requirements: ${task.requirements.join(', ') || 'none'}; files: ${task.files.join(', ')}). Output folder: ${session.meta.codeDirectory}. ${VERIFY_RULE}`,
      output: { name: 'code', schema: CodeSchema },
      tools,
    });
    for (const file of await writeCodeFiles(session, result.files)) written.add(file);
  }
  return { files: [...written].sort() };
}

/** One repair round: the IaC Engineer gets the gate report (validator output) and fixes the code. */
export async function repairCode(session: TrackSession, round: number): Promise<FilesOutput> {
  const persona = personaForStage(session.personas, 'engineer');
  const result = await callPersona(session, persona, {
    step: `repair ${round}`,
    instruction: `Repair round ${round}: the gate failed; its report is under "Gate report". Fix the code so the validator passes. ${VERIFY_RULE}`,
    output: { name: 'code', schema: CodeSchema },
    tools: await session.deps.lookupTools(),
  });
  return { files: await writeCodeFiles(session, result.files) };
}

import { readFile } from 'node:fs/promises';
import { resolveReadable } from '../fs/confine.js';
import { trackPath } from '../tracks/naming.js';
import type { TrackMeta } from '../tracks/state-file.js';
import { parseTasks, requirementIds } from './tasks-file.js';
import { listCodeFiles } from './track-files.js';

/** One drift between spec, tasks and code. */
export interface Drift {
  kind:
    | 'requirement-without-task'
    | 'task-without-code'
    | 'code-without-task'
    | 'task-without-requirement'
    | 'task-unknown-requirement';
  subject: string;
  message: string;
}

/** The deterministic drift report of a track. */
export interface DriftReport {
  track: string;
  requirements: string[];
  tasks: number;
  codeFiles: string[];
  drift: Drift[];
}

const read = (projectRoot: string, track: string, file: string) =>
  resolveReadable(projectRoot, trackPath(track, file), { allowInfrakitFolder: true })
    .then((path) => readFile(path, 'utf8'))
    .catch(() => '');

/**
 * Compares spec.md (R# requirements), tasks.md (tasks with requirements and files) and the code
 * folder: requirements no task covers, tasks whose files do not exist, code files no task names.
 */
export async function analyzeTrack(projectRoot: string, meta: TrackMeta): Promise<DriftReport> {
  const requirements = requirementIds(await read(projectRoot, meta.track, 'spec.md'));
  const tasks = parseTasks(await read(projectRoot, meta.track, 'tasks.md'));
  const codeFiles = (await listCodeFiles(projectRoot, meta.codeDirectory)).map((file) =>
    file.slice(meta.codeDirectory.length + 1),
  );
  const drift: Drift[] = [];
  const covered = new Set(tasks.flatMap((task) => task.requirements));
  for (const requirement of requirements) {
    if (!covered.has(requirement))
      drift.push({
        kind: 'requirement-without-task',
        subject: requirement,
        message: `${requirement} is in spec.md but no task in tasks.md covers it`,
      });
  }
  const named = new Set<string>();
  for (const task of tasks) {
    if (task.requirements.length === 0)
      drift.push({
        kind: 'task-without-requirement',
        subject: task.id,
        message: `${task.id} (${task.title}) names no requirement`,
      });
    for (const requirement of task.requirements) {
      if (requirements.length && !requirements.includes(requirement)) {
        drift.push({
          kind: 'task-unknown-requirement',
          subject: task.id,
          message: `${task.id} names ${requirement}, which spec.md does not define`,
        });
      }
    }
    for (const file of task.files) {
      const normalized = file.replace(/^\.\//, '').replace(`${meta.codeDirectory}/`, '');
      named.add(normalized);
      if (!codeFiles.includes(normalized))
        drift.push({
          kind: 'task-without-code',
          subject: task.id,
          message: `${task.id} should write ${normalized}, which does not exist in ${meta.codeDirectory}`,
        });
    }
  }
  for (const file of codeFiles) {
    if (!named.has(file))
      drift.push({
        kind: 'code-without-task',
        subject: file,
        message: `${meta.codeDirectory}/${file} is not named by any task, so no requirement explains it`,
      });
  }
  return { track: meta.track, requirements, tasks: tasks.length, codeFiles, drift };
}

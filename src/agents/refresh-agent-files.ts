import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeInside } from '../fs/confine.js';
import { openRepo } from '../git/repo.js';
import type { AgentName } from './agent-names.js';
import { KEPT, type AgentFileStatus } from './command-files.js';
import { planProjectAgentFiles } from './init-writer.js';
import { defaultLaunch, type ServerLaunch } from './server-launch.js';

/** What a re-run of `init --ai` did, file by file. */
export interface AgentRefresh {
  root: string;
  agent: AgentName;
  files: Array<{ path: string; status: AgentFileStatus }>;
  /** The commit of the changed files; undefined when nothing changed or git is off. */
  git: { commit?: string } | undefined;
}

/** The project folder `directory` (relative to `cwd`) names when it is an infrakit project already (it has `.infrakit/context.md`). */
export async function existingProjectRoot(cwd: string, directory: string): Promise<string | undefined> {
  const root = resolve(cwd, directory);
  return stat(join(root, '.infrakit', 'context.md')).then(
    (info) => (info.isFile() ? root : undefined),
    () => undefined,
  );
}

/**
 * `init --ai <agent>` in an existing project: only the agent's files. infrakit's own files are
 * updated, the user's own and the ones they edited are kept, nothing is deleted, and the project's
 * constraints are not touched. The changed files are committed together when `git` is on.
 */
export async function refreshAgentFiles(options: {
  root: string;
  agent: AgentName;
  git: boolean;
  launch?: ServerLaunch;
}): Promise<AgentRefresh> {
  const { root, agent } = options;
  const plan = await planProjectAgentFiles(root, agent, options.launch ?? defaultLaunch());
  const written = plan.filter((file) => !KEPT.has(file.status) && file.status !== 'unchanged');
  // Checked and written through the opened folder: a link planted in the project after the plan
  // was made cannot send the write outside it.
  for (const file of written) await writeInside(root, file.path, file.content, { forbiddenTopLevel: [] });
  const files = plan.map(({ path, status }) => ({ path, status }));
  if (!options.git) return { root, agent, files, git: undefined };
  const repository = openRepo(root);
  if (!(await repository.isRepo())) return { root, agent, files, git: undefined };
  const commit = await repository.commitPaths(
    written.map((file) => file.path),
    `infrakit init --ai ${agent}: agent files updated`,
  );
  return { root, agent, files, git: { commit } };
}

import { readFile } from 'node:fs/promises';
import { resolveInside } from '../fs/confine.js';
import type { InitFileWriter } from '../project/init-files.js';
import { agentFilePaths, agentFiles, planAgentFiles } from './agent-files.js';
import type { ExistingFiles } from './agent-file.js';
import type { AgentName } from './agent-names.js';
import type { PlannedAgentFile } from './command-files.js';
import { defaultLaunch, type ServerLaunch } from './server-launch.js';

/** The current contents of every file the agent's writer may touch (confined to the project). */
export async function readAgentFiles(root: string, agent: AgentName): Promise<ExistingFiles> {
  const existing: Record<string, string | undefined> = {};
  for (const path of agentFilePaths(agent)) {
    const target = await resolveInside(root, path, { forbiddenTopLevel: [] });
    existing[path] = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  }
  return existing;
}

/** The plan of `init --ai <agent>` for the project at `root`, from the files it has now. */
export async function planProjectAgentFiles(
  root: string,
  agent: AgentName,
  launch: ServerLaunch = defaultLaunch(),
): Promise<PlannedAgentFile[]> {
  return planAgentFiles(agent, await readAgentFiles(root, agent), launch);
}

/**
 * The `init --ai <agent>` extension: plans the agent's MCP registration, instruction file and
 * commands, merged into whatever copies the project already has (under `init --force`).
 */
export function agentInitWriter(agent: AgentName, launch: ServerLaunch = defaultLaunch()): InitFileWriter {
  return async (context) => agentFiles(agent, await readAgentFiles(context.root, agent), launch);
}

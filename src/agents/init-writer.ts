import { readFile } from 'node:fs/promises';
import { resolveInside } from '../fs/confine.js';
import type { InitFileWriter } from '../project/init-files.js';
import { agentFilePaths, agentFiles } from './agent-files.js';
import type { AgentName } from './agent-names.js';
import { defaultLaunch, type ServerLaunch } from './server-launch.js';

/**
 * The `init --ai <agent>` extension: plans the agent's MCP registration and instruction file,
 * merged into whatever copies the project already has (under `init --force`).
 */
export function agentInitWriter(agent: AgentName, launch: ServerLaunch = defaultLaunch()): InitFileWriter {
  return async (context) => {
    const existing: Record<string, string | undefined> = {};
    for (const path of agentFilePaths(agent)) {
      const target = await resolveInside(context.root, path, { forbiddenTopLevel: [] });
      existing[path] = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
    }
    return agentFiles(agent, existing, launch);
  };
}

import type { AgentFile, AgentWriter, ExistingFiles } from './agent-file.js';
import type { AgentName } from './agent-names.js';
import { claudeWriter } from './claude.js';
import { commandFilePaths, commandFiles } from './command-files.js';
import { codexWriter } from './codex.js';
import { copilotWriter } from './copilot.js';
import { cursorWriter } from './cursor.js';
import { geminiWriter } from './gemini.js';
import { genericWriter } from './generic.js';
import { defaultLaunch, type ServerLaunch } from './server-launch.js';

const WRITERS: Record<AgentName, AgentWriter> = {
  claude: claudeWriter,
  codex: codexWriter,
  gemini: geminiWriter,
  copilot: copilotWriter,
  cursor: cursorWriter,
  generic: genericWriter,
};

/** Paths (relative to the project root) that `agentFiles` may write for this agent; read them first. */
export function agentFilePaths(agent: AgentName): string[] {
  return [...WRITERS[agent].paths, ...commandFilePaths(agent)];
}

/**
 * The files that register the InfraKit MCP server with `agent`, merged into their current contents,
 * and the agent's infrakit commands (a user's own file at the same path, without the marker, is kept).
 */
export function agentFiles(
  agent: AgentName,
  existing: ExistingFiles = {},
  launch: ServerLaunch = defaultLaunch(),
): AgentFile[] {
  return [...WRITERS[agent].write(existing, launch), ...commandFiles(agent, existing)];
}

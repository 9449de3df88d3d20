import type { AgentWriter } from './agent-file.js';
import { instructionBody, withManagedSection } from './instructions.js';
import { mergeJsonServer } from './json-config.js';
import { SERVER_NAME } from './server-launch.js';

const CONFIG = 'mcp.json';
const INSTRUCTIONS = 'AGENTS.md';

/**
 * Any other MCP client: the common `mcpServers` JSON shape, to copy into the client's own config,
 * and AGENTS.md, which many agents read. The server must be started in the project folder.
 */
export const genericWriter: AgentWriter = {
  paths: [CONFIG, INSTRUCTIONS],
  write: (existing, launch) => [
    {
      path: CONFIG,
      content: mergeJsonServer(CONFIG, existing[CONFIG], 'mcpServers', SERVER_NAME, {
        command: launch.command,
        args: launch.args,
      }),
    },
    { path: INSTRUCTIONS, content: withManagedSection(existing[INSTRUCTIONS], instructionBody()) },
  ],
};

import type { AgentWriter } from './agent-file.js';
import { jsonAgentWriter } from './json-agent-writer.js';

/**
 * Any other MCP client: the common `mcpServers` JSON shape, to copy into the client's own config,
 * and AGENTS.md, which many agents read. The server must be started in the project folder.
 */
export const genericWriter: AgentWriter = jsonAgentWriter({
  config: 'mcp.json',
  serversKey: 'mcpServers',
  instructions: 'AGENTS.md',
  entry: (launch) => ({ command: launch.command, args: launch.args }),
});

import type { AgentWriter } from './agent-file.js';
import { jsonAgentWriter } from './json-agent-writer.js';

/**
 * Claude Code: a project-scoped `.mcp.json` with `mcpServers` (https://docs.anthropic.com/en/docs/claude-code/mcp).
 * Claude Code starts project servers in the project folder, so no --cwd is needed.
 */
export const claudeWriter: AgentWriter = jsonAgentWriter({
  config: '.mcp.json',
  serversKey: 'mcpServers',
  instructions: 'CLAUDE.md',
  entry: (launch) => ({ type: 'stdio', command: launch.command, args: launch.args, env: {} }),
});

import type { AgentWriter } from './agent-file.js';
import { jsonAgentWriter } from './json-agent-writer.js';

/**
 * Gemini CLI: `mcpServers` in the project's `.gemini/settings.json`
 * (https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md), and GEMINI.md.
 */
export const geminiWriter: AgentWriter = jsonAgentWriter({
  config: '.gemini/settings.json',
  serversKey: 'mcpServers',
  instructions: 'GEMINI.md',
  entry: (launch) => ({ command: launch.command, args: launch.args }),
});

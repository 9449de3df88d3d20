import type { AgentWriter } from './agent-file.js';
import { instructionBody, withManagedSection } from './instructions.js';
import { mergeJsonServer } from './json-config.js';
import { SERVER_NAME } from './server-launch.js';

const CONFIG = '.mcp.json';
const INSTRUCTIONS = 'CLAUDE.md';

/**
 * Claude Code: a project-scoped `.mcp.json` with `mcpServers` (https://docs.anthropic.com/en/docs/claude-code/mcp).
 * Claude Code starts project servers in the project folder, so no --cwd is needed.
 */
export const claudeWriter: AgentWriter = {
  paths: [CONFIG, INSTRUCTIONS],
  write: (existing, launch) => [
    {
      path: CONFIG,
      content: mergeJsonServer(CONFIG, existing[CONFIG], 'mcpServers', SERVER_NAME, {
        type: 'stdio',
        command: launch.command,
        args: launch.args,
        env: {},
      }),
    },
    { path: INSTRUCTIONS, content: withManagedSection(existing[INSTRUCTIONS], instructionBody()) },
  ],
};

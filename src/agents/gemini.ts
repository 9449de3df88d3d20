import type { AgentWriter } from './agent-file.js';
import { instructionBody, withManagedSection } from './instructions.js';
import { mergeJsonServer } from './json-config.js';
import { SERVER_NAME } from './server-launch.js';

const CONFIG = '.gemini/settings.json';
const INSTRUCTIONS = 'GEMINI.md';

/**
 * Gemini CLI: `mcpServers` in the project's `.gemini/settings.json`
 * (https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md), and GEMINI.md.
 */
export const geminiWriter: AgentWriter = {
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

import type { AgentWriter } from './agent-file.js';
import { instructionFile } from './instructions.js';
import { SERVER_NAME } from './server-launch.js';
import { codexServerTable, mergeTomlTable } from './toml-config.js';

const CONFIG = '.codex/config.toml';
const INSTRUCTIONS = 'AGENTS.md';

/**
 * OpenAI Codex: an `[mcp_servers.infrakit]` table in the project's `.codex/config.toml`, which Codex
 * reads for trusted projects (https://developers.openai.com/codex/mcp), and AGENTS.md for instructions.
 */
export const codexWriter: AgentWriter = {
  paths: [CONFIG, INSTRUCTIONS],
  write: (existing, launch) => [
    { path: CONFIG, content: mergeTomlTable(existing[CONFIG], codexServerTable(SERVER_NAME, launch)) },
    instructionFile(INSTRUCTIONS, existing),
  ],
};

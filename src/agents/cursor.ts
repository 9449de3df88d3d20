import type { AgentWriter } from './agent-file.js';
import { instructionBody } from './instructions.js';
import { mergeJsonServer } from './json-config.js';
import { SERVER_NAME, launchInDirectory } from './server-launch.js';

const CONFIG = '.cursor/mcp.json';
const RULE = '.cursor/rules/infrakit.mdc';

/**
 * Cursor: `mcpServers` in the project's `.cursor/mcp.json` (https://cursor.com/docs/context/mcp), with
 * `${workspaceFolder}` interpolation, and a project rule applied to every chat. The rule file belongs
 * to InfraKit entirely, so it is rewritten whole.
 */
export const cursorWriter: AgentWriter = {
  paths: [CONFIG, RULE],
  write: (existing, launch) => {
    const pinned = launchInDirectory(launch, '${workspaceFolder}');
    return [
      {
        path: CONFIG,
        content: mergeJsonServer(CONFIG, existing[CONFIG], 'mcpServers', SERVER_NAME, {
          command: pinned.command,
          args: pinned.args,
        }),
      },
      { path: RULE, content: cursorRule() },
    ];
  },
};

/** A Cursor project rule: front matter (description, globs, alwaysApply) and the instructions. */
function cursorRule(): string {
  return [
    '---',
    'description: Use the InfraKit MCP tools to look up fields and verify infrastructure code',
    'globs:',
    'alwaysApply: true',
    '---',
    '',
    instructionBody(),
  ].join('\n');
}

import type { AgentWriter } from './agent-file.js';
import { instructionBody, withManagedSection } from './instructions.js';
import { mergeJsonServer } from './json-config.js';
import { SERVER_NAME, launchInDirectory } from './server-launch.js';

const CONFIG = '.vscode/mcp.json';
const INSTRUCTIONS = '.github/copilot-instructions.md';

/**
 * GitHub Copilot in VS Code: `servers` in the workspace's `.vscode/mcp.json`
 * (https://code.visualstudio.com/docs/copilot/reference/mcp-configuration). VS Code expands
 * `${workspaceFolder}`, which pins the server to this project whatever folder VS Code starts it in.
 */
export const copilotWriter: AgentWriter = {
  paths: [CONFIG, INSTRUCTIONS],
  write: (existing, launch) => {
    const pinned = launchInDirectory(launch, '${workspaceFolder}');
    return [
      {
        path: CONFIG,
        content: mergeJsonServer(CONFIG, existing[CONFIG], 'servers', SERVER_NAME, {
          type: 'stdio',
          command: pinned.command,
          args: pinned.args,
        }),
      },
      { path: INSTRUCTIONS, content: withManagedSection(existing[INSTRUCTIONS], instructionBody()) },
    ];
  },
};

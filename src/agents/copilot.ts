import type { AgentWriter } from './agent-file.js';
import { jsonAgentWriter } from './json-agent-writer.js';
import { launchInDirectory } from './server-launch.js';

/**
 * GitHub Copilot in VS Code: `servers` in the workspace's `.vscode/mcp.json`
 * (https://code.visualstudio.com/docs/copilot/reference/mcp-configuration). VS Code expands
 * `${workspaceFolder}`, which pins the server to this project whatever folder VS Code starts it in.
 */
export const copilotWriter: AgentWriter = jsonAgentWriter({
  config: '.vscode/mcp.json',
  serversKey: 'servers',
  instructions: '.github/copilot-instructions.md',
  entry: (launch) => {
    const pinned = launchInDirectory(launch, '${workspaceFolder}');
    return { type: 'stdio', command: pinned.command, args: pinned.args };
  },
});

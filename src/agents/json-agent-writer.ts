import type { AgentWriter } from './agent-file.js';
import { instructionFile } from './instructions.js';
import { mergeJsonServer, type JsonObject } from './json-config.js';
import { SERVER_NAME, type ServerLaunch } from './server-launch.js';

/** Where an agent reads its JSON server config and its instructions, and the server entry it expects. */
export interface JsonAgentLayout {
  config: string;
  /** The key in the config that holds the servers: `mcpServers` or `servers`. */
  serversKey: string;
  instructions: string;
  entry(launch: ServerLaunch): JsonObject;
}

/** The writer for agents that take a JSON config with a servers object and a markdown instruction file. */
export function jsonAgentWriter(layout: JsonAgentLayout): AgentWriter {
  return {
    paths: [layout.config, layout.instructions],
    write: (existing, launch) => [
      {
        path: layout.config,
        content: mergeJsonServer(
          layout.config,
          existing[layout.config],
          layout.serversKey,
          SERVER_NAME,
          layout.entry(launch),
        ),
      },
      instructionFile(layout.instructions, existing),
    ],
  };
}

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { clientBridge } from './client-bridge.js';
import type { McpContext } from './context.js';
import { GuardedTransport } from './guarded-transport.js';
import { registerConstraintResources } from './resources.js';
import { registerTool, type McpTool } from './tool-definition.js';
import { describeError } from './tool-output.js';
import { constraintsTool } from './tools/constraints.js';
import { reviewTool } from './tools/review.js';
import { lookupMcpTools } from './tools/schema-lookup.js';
import { trackStatusTool } from './tools/track-status.js';
import { trackStepTools } from './tools/track-steps.js';
import { verifyTool } from './tools/verify.js';
import { writeFileTool } from './tools/write-file.js';

/** How to build the server. */
export interface InfrakitMcpServerOptions {
  context: McpContext;
  version: string;
  /** Adds the write_file tool (`infrakit mcp --allow-write`). */
  allowWrite: boolean;
  /** The environment the gates' validators run in (the step tools); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

const INSTRUCTIONS =
  "InfraKit's deterministic checks for infrastructure-as-code in this project. Call describe_field before writing " +
  'a field, constraints for the rules, and verify plus review on every file before you finish. To run the ' +
  'four-persona relay yourself, use track_start, track_next_step and track_submit_step; if you offer sampling, ' +
  'track_run runs it through your model. infrakit runs the gates and alone decides when a track is done.';

/** Builds the MCP server with every tool and resource registered; the caller connects a transport. */
export async function createInfrakitMcpServer(options: InfrakitMcpServerOptions): Promise<McpServer> {
  const { context } = options;
  const server = new McpServer(
    { name: 'infrakit', version: options.version },
    { instructions: INSTRUCTIONS },
  );
  const { createLookupTools } = context.backends;
  const open = createLookupTools ? async () => createLookupTools(context.projectRoot) : undefined;
  const lookups = await open?.().catch((error: unknown) => {
    context.log(
      `the schema store could not be opened; the lookups will retry on each call: ${describeError(error).message}`,
    );
    return undefined;
  });
  const tools: McpTool[] = [
    ...lookupMcpTools(lookups, open),
    verifyTool,
    reviewTool,
    constraintsTool,
    trackStatusTool,
    ...trackStepTools({
      env: options.env ?? process.env,
      clientName: () => server.server.getClientVersion()?.name,
      bridge: clientBridge(server.server),
    }),
    ...(options.allowWrite ? [writeFileTool] : []),
  ] as McpTool[];
  for (const tool of tools) registerTool(server, tool, context);
  registerConstraintResources(server, context);
  // Every transport the server is connected to checks requests first (src/mcp/request-guard.ts).
  const schemas = new Map(tools.map((tool) => [tool.name, tool.inputSchema]));
  const connect = server.connect.bind(server);
  server.connect = (transport) => connect(new GuardedTransport(transport, schemas, context.log));
  return server;
}

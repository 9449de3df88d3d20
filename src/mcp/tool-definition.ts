import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { McpContext } from './context.js';
import { describeError, toolError, toolSuccess, type ToolOutput } from './tool-output.js';

/** What a tool call knows of its request: to stop when it is cancelled, and to send requests and progress tied to it. */
export interface ToolCallExtra {
  signal: AbortSignal;
  requestId: string | number;
  /** A progress notification, when the client asked for them (a progress token); otherwise nothing. */
  progress(message: string): void;
}

/** One MCP tool: its name, description, zod input schema and the function that answers it. */
export interface McpTool<Schema extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: Schema;
  annotations: ToolAnnotations;
  run(input: z.infer<Schema>, context: McpContext, extra?: ToolCallExtra): Promise<ToolOutput>;
}

/** The extra of the SDK's tool callback, cut to what the tools use. */
function callExtraOf(extra: RequestHandlerExtra<ServerRequest, ServerNotification>): ToolCallExtra {
  const token = extra._meta?.progressToken;
  let sent = 0;
  return {
    signal: extra.signal,
    requestId: extra.requestId,
    progress: (message) => {
      if (token === undefined) return;
      sent += 1;
      extra
        .sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: sent, message },
        })
        .catch(() => undefined);
    },
  };
}

/** Defines a tool with its input type inferred from the schema. */
export function defineTool<Schema extends z.ZodObject>(tool: McpTool<Schema>): McpTool<Schema> {
  return tool;
}

/**
 * Registers a tool so that nothing it does can take the server down: every throw becomes an MCP
 * tool error (isError) with the message and hint, and is logged to stderr.
 */
export function registerTool<Schema extends z.ZodObject>(
  server: McpServer,
  tool: McpTool<Schema>,
  context: McpContext,
): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: tool.annotations,
    },
    // The SDK has validated the input against inputSchema before this runs.
    (async (input: z.infer<Schema>, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => {
      try {
        return toolSuccess(await tool.run(input, context, callExtraOf(extra)));
      } catch (error) {
        context.log(`${tool.name}: ${describeError(error).message}`);
        return toolError(error);
      }
    }) as never,
  );
}

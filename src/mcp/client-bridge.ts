import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type {
  CreateMessageRequest,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * What infrakit may ask of the MCP client that connected: its model (sampling/createMessage) and
 * its user (elicitation/create), each only when the client declared the capability at initialize.
 * https://modelcontextprotocol.io/specification/2025-06-18/client/sampling and .../client/elicitation
 */
export interface ClientBridge {
  canSample(): boolean;
  canElicit(): boolean;
  createMessage(
    params: CreateMessageRequest['params'],
    options?: RequestOptions,
  ): Promise<CreateMessageResult>;
  elicitInput(params: ElicitRequestFormParams, options?: RequestOptions): Promise<ElicitResult>;
}

/** The bridge over the SDK server: capabilities as the client declared them at initialize. */
export function clientBridge(server: Server): ClientBridge {
  return {
    canSample: () => Boolean(server.getClientCapabilities()?.sampling),
    canElicit: () => {
      const elicitation = server.getClientCapabilities()?.elicitation as { form?: unknown } | undefined;
      // An empty `elicitation: {}` means form mode (the 2025-06-18 shape); a URL-only client cannot answer a form.
      return (
        Boolean(elicitation) && (Object.keys(elicitation ?? {}).length === 0 || Boolean(elicitation?.form))
      );
    },
    createMessage: (params, options) => server.createMessage(params, options),
    elicitInput: (params, options) => server.elicitInput(params, options),
  };
}

import type { DriveModel } from '../steps/agent-deps.js';
import type { ClientBridge } from './client-bridge.js';
import { elicitAnswer } from './elicit-question.js';
import { createSamplingClient } from './sampling-client.js';
import type { ToolCallExtra } from './tool-definition.js';

/**
 * The drive model of a tool call on a client that samples: persona calls go to the client's model,
 * questions to its user through elicitation when it offers it (else they come back as steps).
 * Every request is tied to the tool call and stops when it is cancelled.
 */
export function samplingDriveModel(
  bridge: ClientBridge,
  extra: ToolCallExtra | undefined,
  log: (line: string) => void,
): DriveModel {
  const options = { signal: extra?.signal, relatedRequestId: extra?.requestId };
  const client = createSamplingClient(bridge, options);
  return {
    modelFor: () => client,
    ask: bridge.canElicit()
      ? (question, number) =>
          elicitAnswer(bridge, question, number, options).catch((error: unknown) => {
            // A client that fails the form still has the conversation: the question becomes a step.
            log(`elicitation of question ${number} failed, returned as a step: ${(error as Error).message}`);
            return undefined;
          })
      : undefined,
    signal: extra?.signal,
  };
}

import {
  SCRIPTED_LABEL,
  requestedOutputName,
  scriptedAnswer,
  type ScriptedExchange,
} from '../../src/eval/scripted-exchange.js';
import type { MockRule } from '../../test/support/mock-model-server.js';

/**
 * Mock rules answering every persona from a case's scripted exchange (clarify answers in order). A
 * schema-lookup round (tools offered, no output forced) gets a short text: the scripted engineer
 * makes no lookups, and the pipeline then asks for the structured answer.
 */
export function scriptedRules(exchange: ScriptedExchange, latencyMs?: number): MockRule[] {
  let clarifyCalls = 0;
  const delay = latencyMs === undefined ? {} : { latencyMs };
  return [
    {
      reply: (request) => {
        const outputName = requestedOutputName(request.body);
        const offersTools = Array.isArray(request.body?.tools) && request.body.tools.length > 0;
        if (outputName === undefined && offersTools)
          return { text: `No schema lookups needed. ${SCRIPTED_LABEL}`, ...delay };
        const index = outputName === 'clarify' ? clarifyCalls++ : 0;
        return { json: scriptedAnswer(exchange, outputName, request.persona, index), ...delay };
      },
    },
  ];
}

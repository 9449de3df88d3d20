import {
  requestedOutputName,
  scriptedAnswer,
  type ScriptedExchange,
} from '../../src/eval/scripted-exchange.js';
import type { MockRule } from '../../test/support/mock-model-server.js';

/** Mock rules answering every persona from a case's scripted exchange (clarify answers in order). */
export function scriptedRules(exchange: ScriptedExchange, latencyMs?: number): MockRule[] {
  let clarifyCalls = 0;
  return [
    {
      reply: (request) => {
        const outputName = requestedOutputName(request.body);
        const index = outputName === 'clarify' ? clarifyCalls++ : 0;
        return {
          json: scriptedAnswer(exchange, outputName, request.persona, index),
          ...(latencyMs === undefined ? {} : { latencyMs }),
        };
      },
    },
  ];
}

import { ProviderError } from '../../src/errors/index.js';
import { throwIfAborted } from '../retry.js';
import { checkStructuredAnswer } from '../structured-output.js';
import {
  MODEL_CLIENT_SPEC_VERSION,
  type ModelClient,
  type ModelRequest,
  type ModelResponse,
} from '../types.js';
import type { Recording } from './recording-format.js';

/** A ModelClient that plays back a recording; `scripted` tells the user it is not a live model. */
export interface ReplayClient extends ModelClient {
  readonly scripted: boolean;
  readonly description?: string;
}

/** Per-persona play position. Share one cursor between all clients of a run. */
export type ReplayCursor = Map<string, number>;

/**
 * Plays back a recording: the Nth call from a persona gets that persona's Nth exchange, so a
 * demo still replays after prompts change. Structured answers are re-validated with the
 * request's schema.
 */
export function createReplayClient(recording: Recording, cursor: ReplayCursor = new Map()): ReplayClient {
  return {
    specificationVersion: MODEL_CLIENT_SPEC_VERSION,
    provider: 'replay',
    modelId: 'replay',
    scripted: recording.scripted,
    description: recording.description,
    async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
      throwIfAborted(request.signal);
      const position = cursor.get(request.persona) ?? 0;
      const available = recording.byPersona[request.persona] ?? [];
      const exchange = available[position];
      if (!exchange) {
        throw new ProviderError(
          `replay: the recording has ${available.length} answer(s) for persona "${request.persona}", and this is call ${position + 1}`,
          { kind: 'replay_exhausted', isRetryable: false },
          {
            hint: 'Record the run again with --record, or add an exchange for this persona to the recording.',
          },
        );
      }
      cursor.set(request.persona, position + 1);
      const { response } = exchange;
      let data: T | undefined;
      if (request.output) {
        const check = checkStructuredAnswer(
          response.data === undefined ? response.text : JSON.stringify(response.data),
          request.output.schema,
          false,
        );
        if (!check.ok) {
          throw new ProviderError(
            `replay: answer ${position + 1} for persona "${request.persona}" does not match the "${request.output.name}" schema:\n${check.message}`,
            {
              kind: check.reason,
              isRetryable: false,
              rawText: response.text,
            },
          );
        }
        data = check.data;
      }
      if (response.text) request.onText?.(response.text);
      const answered = response.data === undefined ? response.text : JSON.stringify(response.data);
      if (answered) request.onStream?.({ kind: 'delta', characters: answered.length });
      request.onStream?.({
        kind: 'usage',
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
      });
      return {
        text: response.text,
        data,
        toolCalls: response.toolCalls,
        stopReason: response.stopReason,
        usage: { ...response.usage },
      };
    },
  };
}

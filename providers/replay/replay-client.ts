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
      const check = (candidate: typeof exchange) =>
        request.output
          ? checkStructuredAnswer(
              candidate.response.data === undefined
                ? candidate.response.text
                : JSON.stringify(candidate.response.data),
              request.output.schema,
              false,
            )
          : undefined;
      let used = position;
      let checked = check(exchange);
      if (checked && !checked.ok) {
        // A later command of the same track (implement after plan) starts a new process at position 0:
        // a structured request takes this persona's next exchange that fits its schema.
        const later = available.findIndex((candidate, index) => {
          if (index <= position) return false;
          const fits = check(candidate);
          return fits?.ok === true;
        });
        if (later > position) {
          used = later;
          checked = check(available[later]);
        }
      }
      cursor.set(request.persona, used + 1);
      const { response } = available[used];
      let data: T | undefined;
      if (request.output && checked) {
        if (!checked.ok) {
          throw new ProviderError(
            `replay: answer ${position + 1} for persona "${request.persona}" does not match the "${request.output.name}" schema:\n${checked.message}`,
            {
              kind: checked.reason,
              isRetryable: false,
              rawText: exchange.response.text,
            },
          );
        }
        data = checked.data as T;
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

import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { appendLine } from './append-line.js';
import { redactSecrets } from './redact.js';
import { RECORDING_VERSION, type Exchange } from './replay/recording-format.js';
import type { ModelClient, ModelRequest, ModelResponse } from './types.js';

/** Writes exchanges to one recording file, in order, with per-persona sequence numbers. */
export interface Recorder {
  readonly file: string;
  /** Reserves the next sequence number of a persona (at call start, as replay counts). */
  nextSequence(persona: string): number;
  write(exchange: Exchange): Promise<void>;
}

/**
 * Creates a recorder. Lines never contain headers; every line is scrubbed of the given
 * secrets and of anything shaped like a key before it is written.
 */
export function createRecorder(
  file: string,
  secrets: ReadonlyArray<string | undefined> = [],
  now: () => Date = () => new Date(),
): Recorder {
  const sequences = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  let headerChecked = false;
  const writeScrubbed = (value: unknown) => appendLine(file, redactSecrets(JSON.stringify(value), secrets));
  return {
    file,
    nextSequence(persona) {
      const sequence = sequences.get(persona) ?? 0;
      sequences.set(persona, sequence + 1);
      return sequence;
    },
    write(exchange) {
      queue = queue.then(async () => {
        if (!headerChecked) {
          headerChecked = true;
          const size = await stat(file).then(
            (stats) => stats.size,
            () => 0,
          );
          if (size === 0)
            await writeScrubbed({
              type: 'header',
              version: RECORDING_VERSION,
              scripted: false,
              createdAt: now().toISOString(),
            });
        }
        await writeScrubbed(exchange);
      });
      return queue;
    },
  };
}

/** Wraps any ModelClient so each successful exchange is appended to the recorder's file. */
export function withRecording(client: ModelClient, recorder: Recorder): ModelClient {
  return {
    specificationVersion: client.specificationVersion,
    provider: client.provider,
    modelId: client.modelId,
    async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
      const sequence = recorder.nextSequence(request.persona);
      const response = await client.generate(request);
      await recorder.write({
        type: 'exchange',
        persona: request.persona,
        sequence,
        request: summarize(request, client.modelId),
        response: {
          text: response.text,
          data: response.data,
          toolCalls: response.toolCalls,
          stopReason: response.stopReason,
          usage: { ...response.usage, requestId: undefined },
        },
      });
      return response;
    },
  };
}

function summarize(request: ModelRequest, model: string): Exchange['request'] {
  const digest = createHash('sha256')
    .update(JSON.stringify({ system: request.system, messages: request.messages }))
    .digest('hex');
  const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
  const lastText =
    typeof lastUser?.content === 'string'
      ? lastUser.content
      : (lastUser?.content.map((part) => ('text' in part ? part.text : '')).join('') ?? '');
  return {
    model,
    outputName: request.output?.name,
    digest: `sha256:${digest}`,
    lastUserMessage: lastText.slice(0, 500),
  };
}

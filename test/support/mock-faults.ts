import type { ServerResponse } from 'node:http';
import { planAnswer, type AnswerPlan } from './mock-answer-plan.js';
import { anthropicError, anthropicMessage, anthropicStreamFrames, sseFrame } from './mock-anthropic-wire.js';
import { delay, sendError } from './mock-http.js';
import type { MockFault, RecordedRequest } from './mock-model-types.js';
import { dataFrame, openaiCompletion, openaiError, openaiStreamFrames } from './mock-openai-wire.js';

/** What a fault needs from the server: ids, the cache memory, and the normal answer path. */
export interface FaultContext {
  nextId: () => string;
  seenPrefixes: Set<string>;
  sendAnswer: (
    response: ServerResponse,
    request: RecordedRequest,
    plan: AnswerPlan,
    rawToolJson?: string,
  ) => void;
}

/**
 * Injects a fault on the wire: HTTP errors in each API's shape, a hang, an SSE error event or a
 * dropped connection mid-stream, a truncated JSON answer, or a max_tokens stop. On a
 * non-streaming request, `sse_error` behaves like `drop`.
 */
export async function sendFault(
  response: ServerResponse,
  request: RecordedRequest,
  reply: MockFault,
  context: FaultContext,
): Promise<void> {
  const { nextId, seenPrefixes, sendAnswer } = context;
  const retryAfter = reply.retryAfterSeconds ?? 0.01;
  const retryHeaders = {
    'retry-after': String(Math.ceil(retryAfter)),
    'retry-after-ms': String(Math.round(retryAfter * 1000)),
  };
  const partial = planAnswer({ text: 'This answer was cut off before it' }, request, nextId, seenPrefixes);
  switch (reply.fault) {
    case 'rate_limit':
      return sendError(
        response,
        request,
        429,
        request.api === 'anthropic' ? 'rate_limit_error' : 'rate_limit_exceeded',
        'mock: rate limited',
        retryHeaders,
      );
    case 'server_error':
      return sendError(
        response,
        request,
        500,
        request.api === 'anthropic' ? 'api_error' : 'server_error',
        'mock: internal server error',
      );
    case 'overloaded':
      return sendError(response, request, 529, 'overloaded_error', 'mock: overloaded', retryHeaders);
    case 'hang':
      return; // never answer; the client's timeout (or close()) ends it
    case 'max_tokens':
      return sendAnswer(response, request, { ...partial, stopReason: 'max_tokens' });
    case 'truncated_json': {
      const truncated = '{"answer": "this JSON was cut off mid-str';
      const wantsTool =
        request.api === 'anthropic' && request.stream && request.body?.tool_choice?.type === 'tool';
      if (wantsTool) {
        const toolPlan: AnswerPlan = {
          ...partial,
          blocks: [
            {
              type: 'tool_use',
              id: `toolu_mock_${nextId()}`,
              name: request.body.tool_choice.name,
              inputJson: '{}',
            },
          ],
          stopReason: 'tool_use',
        };
        return sendAnswer(response, request, toolPlan, truncated);
      }
      return sendAnswer(response, request, { ...partial, blocks: [{ type: 'text', text: truncated }] });
    }
    case 'sse_error':
    case 'drop': {
      const model = String(request.body?.model ?? 'mock-model');
      if (!request.stream) {
        // Headers promise a full body; half of it arrives, then the connection dies.
        const full = JSON.stringify(
          request.api === 'anthropic'
            ? anthropicMessage(partial, 'msg_mock_drop', model)
            : openaiCompletion(partial, 'chatcmpl-drop', model, 0),
        );
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(full),
        });
        response.write(full.slice(0, Math.floor(full.length / 2)));
        await delay(20);
        response.destroy();
        return;
      }
      const frames =
        request.api === 'anthropic'
          ? anthropicStreamFrames(partial, 'msg_mock_fault', model).slice(0, 3)
          : openaiStreamFrames(partial, 'chatcmpl-fault', model, 0, false).slice(0, 2);
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const frame of frames) response.write(frame);
      await delay(20);
      if (reply.fault === 'drop') {
        response.destroy();
        return;
      }
      response.end(
        request.api === 'anthropic'
          ? sseFrame('error', anthropicError('overloaded_error', 'mock: overloaded mid-stream'))
          : dataFrame(openaiError('server_error', 'mock: error mid-stream')),
      );
      return;
    }
  }
}

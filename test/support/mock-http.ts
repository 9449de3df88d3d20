import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicError } from './mock-anthropic-wire.js';
import type { RecordedRequest } from './mock-model-types.js';
import { openaiError } from './mock-openai-wire.js';

/** Sends an error in the API's own JSON shape. */
export function sendError(
  response: ServerResponse,
  request: RecordedRequest,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    response,
    status,
    request.api === 'anthropic' ? anthropicError(type, message) : openaiError(type, message),
    headers,
  );
}

/** Sends a JSON body with content-length. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Sends SSE frames and ends the response. */
export function sendStream(response: ServerResponse, frames: string[], requestId: string): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': requestId,
    'x-request-id': requestId,
  });
  for (const frame of frames) response.write(frame);
  response.end();
}

/** Reads the whole request body as UTF-8. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

/** Waits, or resolves at once for 0. */
export function delay(milliseconds: number): Promise<void> {
  return milliseconds > 0 ? new Promise((resolve) => setTimeout(resolve, milliseconds)) : Promise.resolve();
}

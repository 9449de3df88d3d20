import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const servers: Server[] = [];

/** Closes every server slowAnthropic started (call it in afterEach). */
export async function closeSlowServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A loopback Anthropic Messages endpoint that streams the structured answer's tool input a few
 * characters every 100 ms and never finishes: the call is in flight until the client goes away.
 */
export async function slowAnthropic(): Promise<{ url: string; disconnected: Promise<void> }> {
  let disconnect!: () => void;
  const disconnected = new Promise<void>((resolve) => (disconnect = resolve));
  const server = createServer((request, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_slow_1' });
      response.write(
        frame('message_start', {
          type: 'message_start',
          message: {
            id: 'msg_slow',
            type: 'message',
            role: 'assistant',
            model: 'claude-sonnet-4-6',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 2_345, output_tokens: 1 },
          },
        }),
      );
      response.write(
        frame('content_block_start', {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_slow', name: 'turn', input: {} },
        }),
      );
      const timer = setInterval(() => {
        response.write(
          frame('content_block_delta', {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '{"question": "wh' },
          }),
        );
      }, 100);
      response.on('close', () => {
        clearInterval(timer);
        disconnect();
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, disconnected };
}

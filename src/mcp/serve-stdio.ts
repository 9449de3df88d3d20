import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { checkIncoming, errorAnswer } from './request-guard.js';

/**
 * Serves over stdio until the client closes stdin or the transport closes. Only protocol messages go
 * to `output`; the caller keeps every other write off stdout. Each line is checked before the SDK
 * reads it: a line that is not JSON, or a request the SDK would drop unanswered (`params: null`, a
 * missing method), is answered here with a JSON-RPC error, and the server carries on.
 */
export async function serveOverStdio(
  server: McpServer,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
  const checked = new PassThrough();
  const answer = (message: unknown) => output.write(`${JSON.stringify(message)}\n`);
  let pending = '';
  input.on('data', (chunk: Buffer | string) => {
    pending += chunk.toString();
    let end = pending.indexOf('\n');
    while (end !== -1) {
      const line = pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
      if (line.trim()) forwardLine(line, checked, answer);
      end = pending.indexOf('\n');
    }
  });
  input.once('end', () => checked.end());
  const transport = new StdioServerTransport(checked, output);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    input.once('end', () => resolve());
    input.once('close', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
}

function forwardLine(line: string, checked: PassThrough, answer: (message: unknown) => void): void {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    answer(
      errorAnswer(
        null,
        ErrorCode.ParseError,
        `the line is not JSON (${line.length > 60 ? `${line.slice(0, 57)}...` : line})`,
        'Send one JSON-RPC message per line, e.g. {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}',
      ),
    );
    return;
  }
  // The shape only: the server's own GuardedTransport checks tool names and arguments.
  const refusal = checkIncoming(message);
  if (refusal === undefined) checked.write(`${line}\n`);
  else if (refusal !== null) answer(refusal);
}

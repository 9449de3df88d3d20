import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { join } from 'node:path';
import { CLI } from './cli.js';

export interface Connected {
  client: Client;
  stderr: () => string;
  call(name: string, args: unknown): Promise<CallToolResult>;
  raw(
    method: string,
    params: unknown,
  ): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  close(): Promise<void>;
}

/** The official SDK client talking to `infrakit mcp --allow-write` over stdio. */
export async function connect(root: string, home: string): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--cwd', root, '--allow-write'],
    env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', INFRAKIT_CACHE_DIR: join(home, 'cache') },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'r7-hostile', version: '1.0.0' });
  await client.connect(transport);
  const raw: Connected['raw'] = async (method, params) => {
    try {
      const result = await client.request({ method, params } as never, ResultSchema, { timeout: 8000 });
      return { result };
    } catch (error) {
      const failure = error as { code?: number; message?: string };
      return { error: { code: failure.code ?? 0, message: failure.message ?? String(error) } };
    }
  };
  return {
    client,
    stderr: () => stderr,
    call: async (name, args) =>
      (await client.callTool({ name, arguments: args as Record<string, unknown> }, undefined, {
        timeout: 30_000,
      })) as CallToolResult,
    raw,
    close: () => client.close(),
  };
}

/** The text blocks of a tool result, joined. */
export const textOf = (result: CallToolResult) =>
  result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');

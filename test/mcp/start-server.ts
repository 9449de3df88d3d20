import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { join } from 'node:path';
import { CLI_PATH, runCli, temporaryDirectory } from '../cli/run-cli.js';

/** A connected SDK client talking to `infrakit mcp` running as a real child process. */
export interface RunningServer {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Starts `node dist/src/cli/bin.cjs mcp --cwd <projectRoot> ...extra` and connects the SDK client (a plain one by default) over stdio. */
export async function startServer(
  projectRoot: string,
  extra: string[] = [],
  env: Record<string, string> = {},
  client: Client = new Client({ name: 'infrakit-test', version: '1.0.0' }),
): Promise<RunningServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, 'mcp', '--cwd', projectRoot, ...extra],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

/** The tools every server lists, in order; `--allow-write` adds write_file after them. */
export const READ_ONLY_TOOLS = [
  'list_resource_types',
  'describe_resource',
  'describe_field',
  'verify',
  'review',
  'constraints',
  'track_status',
];

/** The step protocol tools and track_run, listed after the read-only ones (they write and commit track files). */
export const STEP_TOOLS = ['track_start', 'track_next_step', 'track_submit_step', 'track_run'];

/** A fresh crossplane project made by the real `infrakit init`. */
export async function newProject(): Promise<string> {
  const cwd = await temporaryDirectory('infrakit-mcp-');
  const init = await runCli(['init', 'project', '--iac', 'crossplane', '--no-git'], { cwd });
  if (init.exitCode !== 0) throw new Error(`infrakit init failed (${init.exitCode}): ${init.stderr}`);
  return join(cwd, 'project');
}

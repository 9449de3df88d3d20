import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, cliBuilt, notBuiltReason, runCli, temporaryDirectory } from '../cli/run-cli.js';
import { newProject } from './start-server.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit mcp stdout', () => {
  it('refuses a --cwd that is not a directory before serving, with nothing on stdout (exit 2)', async () => {
    const cwd = await temporaryDirectory('infrakit-mcp-');
    const result = await runCli(['mcp', '--cwd', join(cwd, 'missing')], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: --cwd "${join(cwd, 'missing')}" is not a directory`);
  });

  it('carries only JSON-RPC messages, even for failing calls', async () => {
    const root = await newProject();
    const child = spawn(process.execPath, [CLI_PATH, 'mcp', '--cwd', root], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'verify', arguments: { path: '../x' } },
    });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'constraints', arguments: {} } });
    send({ jsonrpc: '2.0', id: 4, method: 'no/such/method' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => {
      const check = () =>
        stdout.split('\n').filter(Boolean).length >= 4 ? resolve() : setTimeout(check, 20);
      check();
    });
    child.stdin.end();
    expect(await exited).toBe(0);
    const messages = stdout
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as {
            jsonrpc: string;
            id: number;
            result?: { isError?: boolean };
            error?: { code: number };
          },
      )
      .sort((left, right) => left.id - right.id);
    expect(messages.map((message) => message.jsonrpc)).toEqual(['2.0', '2.0', '2.0', '2.0']);
    expect(messages.map((message) => message.id)).toEqual([1, 2, 3, 4]);
    expect(messages[1].result?.isError).toBe(true);
    expect(messages[2].result?.isError).toBeUndefined();
    expect(messages[3].error?.code).toBe(-32601);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason } from '../cli/run-cli.js';
import {
  newProject,
  READ_ONLY_TOOLS,
  STEP_TOOLS,
  startServer,
  textOf,
  type RunningServer,
} from './start-server.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit mcp --allow-write', () => {
  let root: string;
  let server: RunningServer;

  beforeAll(async () => {
    root = await newProject();
    server = await startServer(root, ['--allow-write']);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lists write_file after the read-only tools, marked as not read-only', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([...READ_ONLY_TOOLS, ...STEP_TOOLS, 'write_file']);
    expect(tools.at(-1)?.annotations?.readOnlyHint).toBe(false);
  });

  it('says on stderr what it may write', () => {
    expect(server.stderr()).toContain(
      `over stdio (the track tools write and commit .infrakit/tracks/; write_file enabled)`,
    );
  });

  it('writes a file inside the project atomically', async () => {
    const result = await server.call('write_file', {
      path: 'compositions/bucket/xrd.yaml',
      content: 'kind: X\n',
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ path: 'compositions/bucket/xrd.yaml', bytes: 8 });
    expect(await readFile(join(root, 'compositions', 'bucket', 'xrd.yaml'), 'utf8')).toBe('kind: X\n');
  });

  it('refuses ../x, absolute paths and the rules folder, and keeps serving', async () => {
    const cases: Array<[string, string]> = [
      ['../x', '".." is not allowed'],
      ['/tmp/x', 'absolute paths are not allowed'],
      ['.infrakit/context.md', "infrakit's own folder (.infrakit/), which generated content may not touch"],
    ];
    for (const [path, reason] of cases) {
      const result = await server.call('write_file', { path, content: 'x' });
      expect(result.isError, path).toBe(true);
      expect(textOf(result)).toContain(reason);
    }
    expect((await server.call('constraints', {})).isError).toBeFalsy();
  });
});

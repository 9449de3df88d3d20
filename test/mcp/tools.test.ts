import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { realpath } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Finding } from '../../src/findings/finding.js';
import type { McpBackends } from '../../src/mcp/backends.js';
import { createInfrakitMcpServer } from '../../src/mcp/server.js';
import { temporaryDirectory } from '../cli/run-cli.js';
import { textOf } from './start-server.js';

/** A server over an in-memory transport, with the given backends and a captured log. */
async function connect(backends: McpBackends) {
  const projectRoot = await realpath(await temporaryDirectory('infrakit-mcp-unit-'));
  await mkdir(join(projectRoot, 'compositions'), { recursive: true });
  await writeFile(join(projectRoot, 'compositions', 'bucket.yaml'), 'kind: Bucket\n');
  const logged: string[] = [];
  const server = await createInfrakitMcpServer({
    context: { projectRoot, backends, log: (line) => logged.push(line) },
    version: '0.0.0-test',
    allowWrite: false,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'unit', version: '1' });
  await client.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { call, client, logged, projectRoot };
}

const planted: Finding = {
  ruleId: 'IK-FIELD-UNKNOWN',
  severity: 'high',
  message: 'field "bucketNme" is not in the schema of Bucket',
  location: { file: 'compositions/bucket.yaml', line: 7 },
  fieldPath: 'spec.forProvider.bucketNme',
  suggestion: 'did you mean "bucketName"?',
  source: 'verify',
};

describe('MCP tools over the in-memory transport', () => {
  it('verify passes the path relative to the root and returns the findings as text and structured content', async () => {
    const calls: unknown[] = [];
    const { call, projectRoot } = await connect({
      verifyPaths: async (paths, options) => {
        calls.push({ paths, options });
        return { findings: [planted], summary: { resources: 1 } };
      },
      verifyText: async () => ({ findings: [] }),
    });
    const result = await call('verify', { path: join(projectRoot, 'compositions', 'bucket.yaml') });
    expect(calls).toEqual([{ paths: ['compositions/bucket.yaml'], options: { projectRoot } }]);
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe(
      'verify compositions/bucket.yaml: 1 finding: 1 high\n' +
        '- high compositions/bucket.yaml:7 IK-FIELD-UNKNOWN spec.forProvider.bucketNme: field "bucketNme" is not in the schema of Bucket (did you mean "bucketName"?)',
    );
    expect(result.structuredContent).toMatchObject({
      findings: [planted],
      counts: { high: 1, low: 0 },
      summary: { resources: 1 },
    });
  });

  it('verify on inline text calls verifyText with the file name', async () => {
    const { call } = await connect({
      verifyPaths: async () => ({ findings: [planted] }),
      verifyText: async (text, fileName) => ({
        findings: text.includes('bucketNme') ? [{ ...planted, location: { file: fileName, line: 1 } }] : [],
      }),
    });
    const clean = await call('verify', { text: 'kind: Bucket', fileName: 'x.yaml' });
    expect(textOf(clean)).toBe('verify x.yaml: no findings');
    const dirty = await call('verify', { text: 'bucketNme: a', fileName: 'y.yaml' });
    expect(textOf(dirty)).toContain('y.yaml:1 IK-FIELD-UNKNOWN');
  });

  it('a backend that throws an unexpected error is reported as an internal error and the server keeps serving', async () => {
    const { call, logged } = await connect({
      verifyPaths: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
      verifyText: async () => ({ findings: [] }),
    });
    const failed = await call('verify', { path: 'compositions' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toContain('internal error: cannot read properties of undefined');
    expect(failed.structuredContent).toMatchObject({ error: { kind: 'InternalError' } });
    expect(logged).toEqual(['verify: internal error: cannot read properties of undefined']);
    expect((await call('verify', { text: 'a: 1', fileName: 'a.yaml' })).isError).toBeFalsy();
  });

  it('without the modules, verify, review and the lookups say they are not available in this build', async () => {
    const { call } = await connect({});
    for (const [tool, args] of [
      ['verify', { path: 'compositions' }],
      ['list_resource_types', {}],
      ['describe_field', { type: 'Bucket', field: 'spec' }],
    ] as const) {
      const result = await call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toContain(`${tool}: `);
      expect(textOf(result)).toContain('is not available in this build of infrakit');
    }
  });

  it('uses the lookup tools from the schemas module as they are: name, schema and answer', async () => {
    const { client, call } = await connect({
      createLookupTools: () => [
        {
          definition: {
            name: 'describe_field',
            description: 'Describe one field of a resource type.',
            parameters: z.object({ type: z.string(), field: z.string() }),
          },
          run: async (input) => JSON.stringify({ echoed: input, type: 'string' }),
        },
      ],
    });
    const { tools } = await client.listTools();
    const describeField = tools.find((tool) => tool.name === 'describe_field');
    expect(describeField?.inputSchema.required).toEqual(['type', 'field']);
    const result = await call('describe_field', { type: 'Bucket', field: 'spec.forProvider.region' });
    expect(result.structuredContent).toEqual({
      echoed: { type: 'Bucket', field: 'spec.forProvider.region' },
      type: 'string',
    });
    const invalid = await call('describe_field', { type: 'Bucket' });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toContain('field');
  });
});

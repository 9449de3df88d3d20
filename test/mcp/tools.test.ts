import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { realpath } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/errors/index.js';
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

  it('verify that checked no resource against a schema says NOT VERIFIED with the command, never a clean answer', async () => {
    const { fieldPath: _field, suggestion: _suggestion, ...rest } = planted;
    const unverifiable: Finding = {
      ...rest,
      ruleId: 'IK-UNVERIFIABLE',
      severity: 'low',
      message: 'apiextensions.crossplane.io/v1 Composition: no schema for this kind in the store',
      resourceType: 'apiextensions.crossplane.io/v1/Composition',
    };
    const { call } = await connect({
      verifyPaths: async () => ({ findings: [] }),
      verifyText: async () => ({ findings: [unverifiable], checkable: 1, checked: [] }),
    });
    const result = await call('verify', { text: 'kind: Composition', fileName: 'x.yaml' });
    expect(textOf(result)).toContain(
      'NOT VERIFIED: verify: none of the 1 resource in x.yaml was checked against an imported or built-in schema',
    );
    expect(textOf(result)).toContain('infrakit schemas import crossplane-v2.3.4/cluster/crds');
    expect(result.structuredContent).toMatchObject({ nothingChecked: true });
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

  it('uses the lookup tools from the schemas module as they are, opened afresh for every call', async () => {
    let opened = 0;
    const { client, call } = await connect({
      createLookupTools: () => {
        opened += 1;
        return [
          {
            definition: {
              name: 'describe_field',
              description: 'Describe one field of a resource type.',
              parameters: z.object({ type: z.string(), field: z.string() }),
            },
            run: async (input) =>
              JSON.stringify(
                (input as { type: string }).type === 'Nope'
                  ? { error: 'no schema for Nope' }
                  : { echoed: input, opened },
              ),
          },
        ];
      },
    });
    expect(opened).toBe(1);
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'describe_field')?.inputSchema.required).toEqual([
      'type',
      'field',
    ]);
    const result = await call('describe_field', { type: 'Bucket', field: 'spec.forProvider.region' });
    expect(result.structuredContent).toEqual({
      echoed: { type: 'Bucket', field: 'spec.forProvider.region' },
      opened: 2,
    });
    const missing = await call('describe_field', { type: 'Nope', field: 'x' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^describe_field: no schema for Nope\n/);
    const invalid = await call('describe_field', { type: 'Bucket' });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toContain('field');
    expect(opened).toBe(3);
  });

  it('a schema store that cannot be opened at start-up does not stop the server; each lookup retries', async () => {
    let attempts = 0;
    const { call, client, logged } = await connect({
      createLookupTools: () => {
        attempts += 1;
        if (attempts < 3) throw new ConfigError('.infrakit/schemas/index.json: not valid JSON');
        return [
          {
            definition: {
              name: 'list_resource_types',
              description: 'Search.',
              parameters: z.object({ query: z.string() }),
            },
            run: async () => JSON.stringify([{ type: 'AWS::S3::Bucket' }]),
          },
        ];
      },
    });
    expect(logged[0]).toContain('the schema store could not be opened');
    expect((await client.listTools()).tools.map((tool) => tool.name).slice(0, 3)).toEqual([
      'list_resource_types',
      'describe_resource',
      'describe_field',
    ]);
    const failed = await call('list_resource_types', { query: 's3' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toContain('.infrakit/schemas/index.json: not valid JSON');
    const repaired = await call('list_resource_types', { query: 's3' });
    expect(repaired.structuredContent).toEqual({ matches: [{ type: 'AWS::S3::Bucket' }] });
  });
});

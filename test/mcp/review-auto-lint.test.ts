import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackends, type McpBackends } from '../../src/mcp/backends.js';
import { createInfrakitMcpServer } from '../../src/mcp/server.js';
import type { RunCommand } from '../../src/review/external-tools.js';
import { POLICY_PROJECT } from '../policy/helpers.js';
import { textOf } from './start-server.js';

const template =
  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: 'app logs: 2026!'\n";
/** What cfn-lint 1.51.0 prints for a property pattern (E3031), as the fake prints it. */
const patternMatch = JSON.stringify([
  {
    Rule: { Id: 'E3031', ShortDescription: 'Validate property patterns' },
    Level: 'Error',
    Message: "'app logs: 2026!' does not match '^[.\\\\-_/#A-Za-z0-9]{1,512}\\\\Z'",
    Filename: 'template.yaml',
    Location: { Start: { LineNumber: 6 }, Path: ['Resources', 'Logs', 'Properties', 'LogGroupName'] },
  },
]);

let project: string;
const calls: string[][] = [];
const fakeRun: RunCommand = async (_command, args) => {
  calls.push(args);
  return args[0] === '--version'
    ? { stdout: 'cfn-lint 1.51.0', stderr: '', failed: false, exitCode: 0 }
    : { stdout: patternMatch, stderr: '', failed: true, exitCode: 2 };
};
const clients: Client[] = [];

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'infrakit-mcp-lint-'));
  await cp(join(POLICY_PROJECT, '.infrakit'), join(project, '.infrakit'), { recursive: true });
  await writeFile(join(project, 'template.yaml'), template);
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  calls.length = 0;
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

async function review(backends: McpBackends, args: Record<string, unknown>): Promise<CallToolResult> {
  const server = await createInfrakitMcpServer({
    context: { projectRoot: project, backends, log: () => undefined },
    version: '0.0.0-test',
    allowWrite: false,
  });
  const client = new Client({ name: 'test', version: '0.0.0' });
  clients.push(client);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return (await client.callTool({ name: 'review', arguments: args })) as CallToolResult;
}

const withFakeLint = async (located: string | undefined): Promise<McpBackends> => ({
  ...(await defaultBackends()),
  externalTools: { run: fakeRun, locate: async () => located },
});

describe('MCP review of a CloudFormation path runs cfn-lint by itself, as `infrakit review` does', () => {
  it('merges the pattern finding only cfn-lint carries, and says it ran automatically', async () => {
    const result = await review(await withFakeLint('/usr/bin/cfn-lint'), { path: 'template.yaml' });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('cfn-lint: ran automatically for CloudFormation');
    expect(textOf(result)).toContain('E3031');
    const data = result.structuredContent as { checks: Array<{ name: string; automatic?: boolean }> };
    expect(data.checks).toContainEqual(expect.objectContaining({ name: 'cfn-lint', automatic: true }));
    expect(calls.some((args) => args.includes('template.yaml'))).toBe(true);
  });

  it('says what was not checked when cfn-lint is not installed', async () => {
    const result = await review(await withFakeLint(undefined), { path: 'template.yaml' });
    expect(textOf(result)).toContain(
      'cfn-lint did not run: CloudFormation patterns, lengths and numeric bounds not checked',
    );
    expect(calls).toEqual([]);
  });

  it('autoLint: false lists it as skipped and runs nothing', async () => {
    const result = await review(await withFakeLint('/usr/bin/cfn-lint'), {
      path: 'template.yaml',
      autoLint: false,
    });
    expect(textOf(result)).toContain('cfn-lint did not run: --no-auto-lint');
    expect(calls).toEqual([]);
  });
});

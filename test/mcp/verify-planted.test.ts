import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from '../cli/run-cli.js';
import { startServer, textOf, type RunningServer } from './start-server.js';

/** ../shared beside the project, as CI lays it out. */
const CRDS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'crds', 'provider-upjet-aws-v2.6.0');
const available = cliBuilt && existsSync(CRDS);
const reason = cliBuilt ? `the shared CRDs are absent (${CRDS})` : notBuiltReason;
if (!available) console.warn(`skipped: ${reason}`);

/** A namespaced (Crossplane v2) Keyspace whose `tags` is misspelled `tagz` on line 10. */
const PLANTED = [
  'apiVersion: keyspaces.aws.m.upbound.io/v1beta1',
  'kind: Keyspace',
  'metadata:',
  '  name: orders',
  '  namespace: payments',
  'spec:',
  '  forProvider:',
  '    region: us-east-1',
  '    # planted: the field is "tags"',
  '    tagz:',
  '      team: payments',
  '',
].join('\n');

describe.skipIf(!available)('infrakit mcp verify with the real upjet CRDs', () => {
  let root: string;
  let server: RunningServer;

  beforeAll(async () => {
    const cwd = await temporaryDirectory('infrakit-mcp-verify-');
    const env = { INFRAKIT_CACHE_DIR: join(cwd, 'cache') };
    expect((await runCli(['init', 'project', '--iac', 'crossplane', '--no-git'], { cwd })).exitCode).toBe(0);
    root = join(cwd, 'project');
    const imported = await runCli(['schemas', 'import', CRDS], { cwd: root, env });
    expect(imported.exitCode, imported.stderr).toBe(0);
    await mkdir(join(root, 'compositions', 'orders'), { recursive: true });
    await writeFile(join(root, 'compositions', 'orders', 'keyspace.yaml'), PLANTED);
    server = await startServer(root, [], env);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('verify on the path finds the planted field, with its line', async () => {
    const result = await server.call('verify', { path: 'compositions/orders/keyspace.yaml' });
    expect(result.isError, textOf(result)).toBeFalsy();
    const findings = (
      result.structuredContent as {
        findings: Array<{ fieldPath?: string; source: string; location: { file: string; line: number } }>;
      }
    ).findings;
    const planted = findings.find((finding) => finding.fieldPath?.endsWith('tagz'));
    expect(planted, JSON.stringify(findings)).toMatchObject({
      source: 'verify',
      location: { file: 'compositions/orders/keyspace.yaml', line: 10 },
    });
    expect(textOf(result)).toContain('compositions/orders/keyspace.yaml:10');
  });

  it('verify on inline text finds it too, and the corrected text is clean', async () => {
    const dirty = await server.call('verify', { text: PLANTED, fileName: 'keyspace.yaml' });
    const fields = (dirty.structuredContent as { findings: Array<{ fieldPath?: string }> }).findings.map(
      (finding) => finding.fieldPath,
    );
    expect(fields.some((field) => field?.endsWith('tagz'))).toBe(true);
    const clean = await server.call('verify', {
      text: PLANTED.replace('tagz:', 'tags:'),
      fileName: 'keyspace.yaml',
    });
    expect(clean.isError).toBeFalsy();
    expect((clean.structuredContent as { findings: unknown[] }).findings).toEqual([]);
  });

  it('describe_field answers from the imported CRD: the field the agent should have written', async () => {
    const apiVersion = 'keyspaces.aws.m.upbound.io/v1beta1';
    const tags = await server.call('describe_field', {
      apiVersion,
      kind: 'Keyspace',
      path: 'spec.forProvider.tags',
    });
    expect(tags.isError, textOf(tags)).toBeFalsy();
    expect(tags.structuredContent).toMatchObject({ path: 'spec.forProvider.tags' });
    const planted = await server.call('describe_field', {
      apiVersion,
      kind: 'Keyspace',
      path: 'spec.forProvider.tagz',
    });
    expect(planted.isError).toBe(true);
    expect(textOf(planted)).toContain('tags');
  });

  it('after a bad call the server still verifies', async () => {
    const bad = await server.call('verify', { path: 42 });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('verify: argument "path" must be a string (text), not a number');
    const again = await server.call('verify', { path: 'compositions' });
    expect(again.isError).toBeFalsy();
  });
});

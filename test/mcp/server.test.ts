import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStateFile } from '../../src/tracks/state-file.js';
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

describe.skipIf(!cliBuilt)('infrakit mcp (real child process, SDK client over stdio)', () => {
  let root: string;
  let server: RunningServer;

  beforeAll(async () => {
    root = await newProject();
    const track = 'bucket-20261125-120000';
    await writeStateFile(root, {
      version: 1,
      meta: {
        track,
        name: 'bucket',
        tool: 'crossplane',
        environment: 'dev',
        request: 'an S3 bucket for logs',
        createdAt: '2026-11-25T12:00:00.000Z',
        reviewerIds: ['architect'],
        codeDirectory: 'compositions/bucket',
      },
      updatedAt: '2026-11-25T12:05:00.000Z',
      snapshot: {
        status: 'active',
        value: 'blocked',
        context: {
          track,
          reason: 'crossplane render failed',
          steps: [
            {
              number: 1,
              name: 'spec',
              persona: 'solutions-engineer',
              files: [`.infrakit/tracks/${track}/spec.md`],
            },
          ],
        },
      },
    });
    server = await startServer(root);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lists exactly the read-only tools, each with an input schema and a description', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([...READ_ONLY_TOOLS, ...STEP_TOOLS]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.description?.length).toBeGreaterThan(20);
      // The step tools write and commit track files through the pipeline; every other tool is read-only.
      expect(tool.annotations?.readOnlyHint).toBe(!STEP_TOOLS.includes(tool.name));
    }
  });

  it('constraints: returns the parsed rules as structured content and a short text', async () => {
    const result = await server.call('constraints', {});
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as {
      context: { provider: string; environments: Array<{ name: string }> };
      tagging: { tags: unknown[] };
    };
    expect(data.context.provider).toBe('aws');
    expect(data.context.environments.map((environment) => environment.name)).toContain('prod');
    expect(data.tagging.tags.length).toBeGreaterThan(0);
    expect(textOf(result)).toMatch(/^provider aws, region us-east-1/);
    expect(data).not.toHaveProperty('documents');
    const withDocuments = await server.call('constraints', { includeDocuments: true });
    const documents = (withDocuments.structuredContent as { documents: { context: string } }).documents;
    expect(documents.context).toBe(await readFile(join(root, '.infrakit', 'context.md'), 'utf8'));
  });

  it('constraints: a wrongly typed argument is a tool error naming it, and the server stays up', async () => {
    const result = await server.call('constraints', { includeDocuments: 'yes' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('includeDocuments');
    const next = await server.call('constraints', {});
    expect(next.isError).toBeFalsy();
  });

  it('schema lookups: the built-in CloudFormation spec answers list, describe_resource and describe_field', async () => {
    const list = await server.call('list_resource_types', { query: 's3 bucket' });
    expect(list.isError).toBeFalsy();
    const matches = (list.structuredContent as { matches: Array<{ type: string }> }).matches;
    expect(matches.map((match) => match.type)).toContain('AWS::S3::Bucket');
    const resource = await server.call('describe_resource', { apiVersion: 'AWS::S3::Bucket' });
    const fields = (resource.structuredContent as { fields: Array<{ name: string }> }).fields.map(
      (field) => field.name,
    );
    expect(fields).toEqual(expect.arrayContaining(['AccessControl', 'VersioningConfiguration']));
    const field = await server.call('describe_field', {
      apiVersion: 'AWS::S3::Bucket',
      path: 'VersioningConfiguration.Status',
    });
    expect(field.structuredContent).toMatchObject({
      path: 'VersioningConfiguration.Status',
      enum: ['Enabled', 'Suspended'],
    });
    expect(JSON.parse(textOf(field))).toEqual(field.structuredContent);
  });

  it('schema lookups: an unknown type is a tool error with a suggestion; missing arguments are named', async () => {
    const unknown = await server.call('describe_resource', { apiVersion: 'AWS::S3::Buckett' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('did you mean AWS::S3::Bucket?');
    const missing = await server.call('describe_field', { apiVersion: 'AWS::S3::Bucket' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('describe_field: argument "path" is required and missing');
    const empty = await server.call('list_resource_types', { query: '' });
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toContain('list_resource_types: argument "query" is empty');
    expect((await server.call('list_resource_types', { query: 'keyspace' })).isError).toBeFalsy();
  });

  it('track_status: lists tracks, shows one by name, and names the known tracks for an unknown one', async () => {
    const all = await server.call('track_status', {});
    expect(all.isError).toBeFalsy();
    expect(textOf(all)).toBe('1 track:\n- bucket-20261125-120000 (crossplane, dev): blocked');
    const one = await server.call('track_status', { track: 'bucket' });
    expect(one.structuredContent).toMatchObject({
      meta: { track: 'bucket-20261125-120000', environment: 'dev', request: 'an S3 bucket for logs' },
      state: 'blocked',
      reason: 'crossplane render failed',
    });
    expect(textOf(one)).toBe(
      'bucket-20261125-120000 (crossplane, dev): blocked\nreason: crossplane render failed\n' +
        '- step 1 spec (solutions-engineer): .infrakit/tracks/bucket-20261125-120000/spec.md',
    );
    const unknown = await server.call('track_status', { track: 'queue' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('no track named "queue" (known tracks: bucket-20261125-120000)');
  });

  it('verify: a misspelt CloudFormation property is found against the built-in spec, in a file and in text', async () => {
    const template = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Reports:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      VersioningConfigration:',
      '        Status: Enabled',
      '',
    ].join('\n');
    await writeFile(join(root, 'template.yaml'), template);
    for (const args of [{ path: 'template.yaml' }, { text: template, fileName: 'template.yaml' }]) {
      const result = await server.call('verify', args);
      expect(result.isError, textOf(result)).toBeFalsy();
      const findings = (
        result.structuredContent as { findings: Array<{ fieldPath?: string; location: { line: number } }> }
      ).findings;
      const planted = findings.find((finding) => finding.fieldPath?.endsWith('VersioningConfigration'));
      expect(planted, JSON.stringify(findings)).toMatchObject({ location: { line: 6 } });
      expect(textOf(result)).toMatch(/^verify template\.yaml: 1 finding/);
    }
    const fixed = await server.call('verify', {
      text: template.replace('Configration', 'Configuration'),
      fileName: 'template.yaml',
    });
    expect(textOf(fixed)).toBe('verify template.yaml: no findings');
  });

  it('verify and review: refuse paths outside the project, incomplete input and unknown arguments', async () => {
    for (const tool of ['verify', 'review']) {
      const outside = await server.call(tool, { path: '../outside.yaml' });
      expect(outside.isError).toBe(true);
      expect(textOf(outside)).toContain('is outside the project');
      const absolute = await server.call(tool, { path: '/etc/hostname' });
      expect(textOf(absolute)).toContain('is outside the project');
      const nothing = await server.call(tool, {});
      expect(textOf(nothing)).toContain('nothing to check');
      const noName = await server.call(tool, { text: 'kind: Bucket' });
      expect(textOf(noName)).toContain('"fileName" is required with "text"');
      const extra = await server.call(tool, { path: 'x', force: true });
      expect(extra.isError).toBe(true);
      expect(textOf(extra)).toContain('unknown argument "force"');
    }
  });

  it('verify and review: a symlink that leads out of the project is refused', async () => {
    await symlink('/etc', join(root, 'escape'));
    const result = await server.call('verify', { path: 'escape/hostname' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('is outside the project');
  });

  it('review: an environment the project does not have is named with the known ones', async () => {
    const result = await server.call('review', { path: 'compositions', environment: 'qa' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'environment "qa" is not in .infrakit/context.md (known: dev, staging, prod)\n' +
        'Pass one of the known environments, or leave it out to let the template or the strictest decide.',
    );
  });

  it('review: finds a public bucket in prod, with the environment it judged in and why', async () => {
    const template = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Reports:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      AccessControl: PublicRead',
      '',
    ].join('\n');
    const result = await server.call('review', {
      text: template,
      fileName: 'bucket.yaml',
      environment: 'prod',
    });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as {
      environment: { name: string; origin: string };
      resources: Array<{ type: string }>;
      findings: Array<{ fieldPath?: string; severity: string; location: { file: string; line: number } }>;
    };
    expect(data.environment).toMatchObject({ name: 'prod', origin: 'option' });
    expect(data.resources.map((resource) => resource.type)).toEqual(['AWS::S3::Bucket']);
    const publicRead = data.findings.find((finding) => finding.fieldPath === 'Properties.AccessControl');
    expect(publicRead).toMatchObject({ severity: 'high', location: { file: 'bucket.yaml', line: 6 } });
    expect(textOf(result)).toMatch(/^review bucket\.yaml \(prod, 1 resource\): \d+ findings/);
  });

  it('review: a file with no resources says nothing was reviewed', async () => {
    const result = await server.call('review', { path: 'compositions/README.md' });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('No resources were found, so nothing was reviewed.');
  });

  it('an unknown tool is a tool error and the server answers the next call', async () => {
    const result = await server.call('delete_everything', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('there is no tool named "delete_everything"');
    expect((await server.call('track_status', {})).isError).toBeFalsy();
  });

  it('exposes the three constraint files as markdown resources, read fresh', async () => {
    const { resources } = await server.client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([
      'infrakit://constraints/context.md',
      'infrakit://constraints/coding-style.md',
      'infrakit://constraints/tagging-standard.md',
    ]);
    const read = await server.client.readResource({ uri: 'infrakit://constraints/tagging-standard.md' });
    const content = read.contents[0] as { text: string; mimeType: string };
    expect(content.mimeType).toBe('text/markdown');
    expect(content.text).toBe(await readFile(join(root, '.infrakit', 'tagging-standard.md'), 'utf8'));
  });

  it('write_file is absent without --allow-write', async () => {
    const result = await server.call('write_file', { path: 'a.txt', content: 'x' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('there is no tool named "write_file"');
  });

  it('logs to stderr only', () => {
    // Not "read-only": the track tools commit track files even without --allow-write.
    expect(server.stderr()).toContain(
      `infrakit mcp: serving ${root} over stdio (the track tools write and commit .infrakit/tracks/; no other file is written)`,
    );
    expect(server.stderr()).not.toContain('read-only');
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSources, parseText } from '../../src/iac/parse.js';
import { detectProjectTool } from '../../src/iac/detect.js';
import { isUnknownValue } from '../../src/iac/resource-model.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/verify');

/** A Pipeline composition whose one go-template step holds `template`; its first line is file line 14. */
function inlineTemplateComposition(template: string[]): string {
  return [
    'apiVersion: apiextensions.crossplane.io/v1',
    'kind: Composition',
    'metadata: {name: c}',
    'spec:',
    '  mode: Pipeline',
    '  pipeline:',
    '    - step: t',
    '      input:',
    '        apiVersion: gotemplating.fn.crossplane.io/v1beta1',
    '        kind: GoTemplate',
    '        source: Inline',
    '        inline:',
    '          template: |',
    ...template.map((line) => `            ${line}`),
  ].join('\n');
}

describe('parseSources', () => {
  it('reads every branch of an inline go-template with file lines', async () => {
    const parsed = await parseSources(['crossplane/composition-clean.yaml'], { root: fixtures });
    const tables = parsed.resources.filter((resource) => resource.kind === 'Table');
    expect(tables).toHaveLength(2);
    expect(tables.map((table) => table.fieldLines?.['spec.forProvider.pointInTimeRecovery.status'])).toEqual([
      53, 56,
    ]);
    expect(tables[0].location).toEqual({ file: 'crossplane/composition-clean.yaml', line: 39 });
    const keyspace = parsed.resources.find((resource) => resource.kind === 'Keyspace');
    expect(
      isUnknownValue((keyspace?.body.spec as { forProvider: { region: unknown } }).forProvider.region),
    ).toBe(true);
    expect(parsed.resources.some((resource) => resource.kind === 'CompositeConnectionDetails')).toBe(false);
    expect(parsed.errors).toEqual([]);
  });

  it('keeps YAML valid when an if block wraps whole keys', async () => {
    const template = inlineTemplateComposition([
      'apiVersion: s3.aws.m.upbound.io/v1beta1',
      'kind: Bucket',
      'metadata:',
      '  name: b',
      '  {{- if .x }}',
      '  labels:',
      '    a: b',
      '  {{- end }}',
      'spec:',
      '  forProvider:',
      '    {{- range $k, $v := .tags }}',
      '    {{ $k }}: {{ $v }}',
      '    {{- end }}',
      '    region: {{ .region }}',
    ]);
    const parsed = await parseText(template, 'c.yaml');
    expect(parsed.errors).toEqual([]);
    const buckets = parsed.resources.filter((resource) => resource.kind === 'Bucket');
    expect(
      buckets.map((bucket) => Boolean((bucket.body.metadata as Record<string, unknown>).labels)),
    ).toEqual([true, false]);
    expect(buckets[0].fieldLines?.['spec.forProvider.region']).toBe(27);
  });

  it('keeps a `__proto__` key of a template document as a field, and restores placeholder keys with their lines', async () => {
    const template = inlineTemplateComposition([
      'apiVersion: s3.aws.m.upbound.io/v1beta1',
      'kind: Bucket',
      'metadata:',
      '  name: b',
      '  labels:',
      '    __proto__: polluted',
      '    {{ .key }}: x',
      'spec:',
      '  forProvider:',
      '    region: {{ .region }}',
    ]);
    const parsed = await parseText(template, 'c.yaml');
    expect(parsed.errors).toEqual([]);
    const bucket = parsed.resources.find((resource) => resource.kind === 'Bucket');
    const labels = (bucket?.body.metadata as { labels: Record<string, unknown> }).labels;
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(labels, '__proto__')).toBe(true);
    expect(Object.keys(labels)).toEqual(['__proto__', '{{ .key }}']);
    expect(bucket?.fieldLines?.['metadata.labels.__proto__']).toBe(19);
    expect(bucket?.fieldLines?.['metadata.labels.{{ .key }}']).toBe(20);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads CloudFormation short-form intrinsics, deletion settings and parameters', async () => {
    const parsed = await parseSources(['cloudformation/bucket-clean.yaml'], { root: fixtures });
    expect(parsed.tool).toBe('cloudformation');
    const bucket = parsed.resources.find((resource) => resource.name === 'LogsBucket')!;
    expect(bucket.meta).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(isUnknownValue(bucket.body.BucketName)).toBe(true);
    expect(bucket.fieldLines?.['Tags[0].Key']).toBe(30);
    expect(parsed.inputs[0]).toMatchObject({ name: 'Environment', allowed: ['dev', 'prod'] });
  });

  it('reads CloudFormation JSON with long-form intrinsics', async () => {
    const parsed = await parseSources(['cloudformation/bucket-clean.json'], { root: fixtures });
    const bucket = parsed.resources[0];
    expect(bucket.type).toBe('AWS::S3::Bucket');
    expect(isUnknownValue(bucket.body.BucketName)).toBe(true);
    expect(bucket.location.line).toBe(5);
  });

  it('reads Terraform resources, lifecycle and variables with lines', async () => {
    const parsed = await parseSources(['terraform/main.tf'], { root: fixtures });
    expect(parsed.tool).toBe('terraform');
    const bucket = parsed.resources.find((resource) => resource.type === 'aws_s3_bucket')!;
    expect(bucket.meta.lifecycle).toEqual({ prevent_destroy: true });
    expect(bucket.body.lifecycle).toBeUndefined();
    expect(bucket.location.line).toBe(6);
    const versioning = parsed.resources.find((resource) => resource.type === 'aws_s3_bucket_versioning')!;
    expect(versioning.fieldLines?.['versioning_configuration[0].status']).toBe(21);
    expect(isUnknownValue(versioning.body.bucket)).toBe(true);
    expect(parsed.inputs.map((input) => input.name)).toEqual(['environment']);
  });

  it('reports a YAML syntax error with its line', async () => {
    const parsed = await parseText('apiVersion: v1\nkind: ConfigMap\nmetadata: [a\n', 'bad.yaml');
    expect(parsed.errors[0]?.location.file).toBe('bad.yaml');
  });
});

describe('detectProjectTool', () => {
  it('detects the tool with most files', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ik-detect-'));
    await writeFile(join(directory, 'a.tf'), 'resource "aws_s3_bucket" "a" {}\n');
    await writeFile(join(directory, 'b.tf'), 'resource "aws_s3_bucket" "b" {}\n');
    await writeFile(join(directory, 'c.yaml'), 'apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\n');
    expect((await detectProjectTool(directory)).tool).toBe('terraform');
  });
});

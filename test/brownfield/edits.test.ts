import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/brownfield/edits/apply-edits.js';
import type { Edit } from '../../src/brownfield/change-schemas.js';
import { changedLines } from '../../src/brownfield/unified-diff.js';
import { strayLinesOf } from '../../src/brownfield/diff-gate.js';
import { parseText } from '../../src/iac/parse.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

async function run(example: string, file: string, edits: Edit[]) {
  const root = await mkdtemp(join(tmpdir(), 'ik-edit-'));
  await cp(join(examples, example), root, { recursive: true });
  const text = await readFile(join(root, file), 'utf8');
  const parse = (name: string, content: string) => parseText(content, name);
  const applied = await applyEdits(new Map([[file, text]]), edits, { targetPrefix: '', parse });
  const after = applied.after.get(file) ?? text;
  const hunks = changedLines(text, after);
  return {
    text,
    after,
    applied,
    hunks,
    parse,
    changed: hunks.flatMap((hunk) => hunk.added.map((line) => line.text.trim())),
    removed: hunks.flatMap((hunk) => hunk.removed.map((line) => line.text.trim())),
  };
}

const composition = 'compositions/cassandra-keyspace/composition.yaml';

describe('edits on the Crossplane composition (go-template text)', () => {
  it('enables PITR in staging by changing one line only, keeping every comment', async () => {
    const value = '{{ if or $prod (eq $p.environment "staging") }}ENABLED{{ else }}DISABLED{{ end }}';
    const result = await run('crossplane/cassandra-keyspace', composition, [
      {
        file: composition,
        resource: 'table',
        path: ['spec', 'forProvider', 'pointInTimeRecovery', 'status'],
        op: 'set',
        value,
      },
    ]);
    expect(result.removed).toEqual(['status: {{ if $prod }}ENABLED{{ else }}DISABLED{{ end }}']);
    expect(result.changed).toEqual([`status: ${value}`]);
    for (const comment of result.text.split('\n').filter((line) => line.trim().startsWith('#')))
      expect(result.after).toContain(comment);
    expect(
      await strayLinesOf({
        before: result.applied.before,
        after: result.applied.after,
        plannedResources: ['table'],
        parse: result.parse,
      }),
    ).toEqual([]);
    const stray = await strayLinesOf({
      before: result.applied.before,
      after: result.applied.after,
      plannedResources: ['keyspace'],
      parse: result.parse,
    });
    expect(stray.map((line) => line.owner)).toEqual(['table', 'table']);
  });

  it('changes the capacity mode and adds the provisioned units under the same block', async () => {
    const result = await run('crossplane/cassandra-keyspace', composition, [
      {
        file: composition,
        resource: 'table',
        path: ['spec', 'forProvider', 'capacitySpecification', 'throughputMode'],
        op: 'set',
        value: 'PROVISIONED',
      },
      {
        file: composition,
        resource: 'table',
        path: ['spec', 'forProvider', 'capacitySpecification', 'readCapacityUnits'],
        op: 'set',
        value: '5',
      },
    ]);
    expect(result.removed).toEqual(['throughputMode: PAY_PER_REQUEST']);
    expect(result.changed).toEqual(['throughputMode: PROVISIONED', 'readCapacityUnits: 5']);
    expect(result.after).toContain(
      '                  throughputMode: PROVISIONED\n                  readCapacityUnits: 5\n                encryptionSpecification:',
    );
  });

  it('renames a template variable everywhere and the gate accepts the reference-only lines', async () => {
    const result = await run('crossplane/cassandra-keyspace', composition, [
      { file: composition, resource: '$kmsKeyArn', path: [], op: 'rename', value: 'keyArn' },
    ]);
    expect(result.after).not.toContain('$kmsKeyArn');
    expect(result.after.split('\n').length).toBe(result.text.split('\n').length);
    expect(
      await strayLinesOf({
        before: result.applied.before,
        after: result.applied.after,
        plannedResources: [],
        renames: result.applied.renames,
        parse: result.parse,
      }),
    ).toEqual([]);
  });
});

describe('edits on Terraform (HCL text)', () => {
  const main = 'modules/s3-secure-bucket/main.tf';
  it('sets an attribute in a nested block and keeps the alignment', async () => {
    const result = await run('terraform/s3-secure-bucket', main, [
      {
        file: main,
        resource: 'aws_s3_bucket_versioning.this',
        path: ['versioning_configuration', 'status'],
        op: 'set',
        value: '"Suspended"',
      },
    ]);
    expect(result.removed).toEqual(['status = "Enabled"']);
    expect(result.changed).toEqual(['status = "Suspended"']);
  });
  it('adds a tag attribute to a resource', async () => {
    const result = await run('terraform/s3-secure-bucket', main, [
      {
        file: main,
        resource: 'aws_kms_alias.bucket',
        path: ['name'],
        op: 'set',
        value: '"alias/${local.name}-key"',
      },
    ]);
    expect(result.changed).toEqual(['name          = "alias/${local.name}-key"']);
  });
});

describe('edits on CloudFormation (yaml document API)', () => {
  const template = 'templates/s3-secure-bucket.yaml';
  it('appends a tag to the bucket only', async () => {
    const result = await run('cloudformation/s3-secure-bucket', template, [
      {
        file: template,
        resource: 'Bucket',
        path: ['Tags', '-'],
        op: 'set',
        value: '{ Key: team, Value: !Ref Team }',
      },
    ]);
    expect(result.removed).toEqual([]);
    expect(result.changed).toEqual(['- { Key: team, Value: !Ref Team }']);
    const hunk = result.hunks[0];
    expect(result.after.split('\n')[hunk.added[0].line - 2]).toContain('managed-by');
    expect(result.after.split('\n')[hunk.added[0].line - 2]).toMatch(/^ {8}- /);
  });
  it('sets a nested scalar and deletes a key', async () => {
    const result = await run('cloudformation/s3-secure-bucket', template, [
      {
        file: template,
        resource: 'Bucket',
        path: ['VersioningConfiguration', 'Status'],
        op: 'set',
        value: 'Suspended',
      },
      { file: template, resource: 'BucketKey', path: ['EnableKeyRotation'], op: 'delete', value: null },
    ]);
    expect(result.removed.sort()).toEqual(['EnableKeyRotation: true', 'Status: Enabled']);
    expect(result.changed).toEqual(['Status: Suspended']);
  });
});

describe('edits on CloudFormation JSON (minimal text edits)', () => {
  it('sets a value, appends a tag and adds a property, leaving every other line as it was', async () => {
    const { readFile: read } = await import('node:fs/promises');
    const file = 'bucket-clean.json';
    const text = await read(
      join(import.meta.dirname, '..', 'fixtures', 'verify', 'cloudformation', file),
      'utf8',
    );
    const parse = (name: string, content: string) => parseText(content, name);
    const edits: Edit[] = [
      {
        file,
        resource: 'LogsBucket',
        path: ['VersioningConfiguration', 'Status'],
        op: 'set',
        value: '"Suspended"',
      },
      {
        file,
        resource: 'LogsBucket',
        path: ['Tags', '-'],
        op: 'set',
        value: '{ "Key": "team", "Value": "logs" }',
      },
      { file, resource: 'LogsBucket', path: ['ObjectLockEnabled'], op: 'set', value: 'true' },
    ];
    const applied = await applyEdits(new Map([[file, text]]), edits, { targetPrefix: '', parse });
    const after = applied.after.get(file)!;
    expect(JSON.parse(after).Resources.LogsBucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Suspended' },
      ObjectLockEnabled: true,
      Tags: [{ Key: 'environment' }, { Key: 'team', Value: 'logs' }],
    });
    const before = text.split('\n');
    const changed = after.split('\n').filter((line) => !before.includes(line));
    expect(changed).toEqual([
      '        "VersioningConfiguration": { "Status": "Suspended" },',
      '        "Tags": [{ "Key": "environment", "Value": { "Ref": "Environment" } }, { "Key": "team", "Value": "logs" }],',
      '        "ObjectLockEnabled": true',
    ]);
  });
});

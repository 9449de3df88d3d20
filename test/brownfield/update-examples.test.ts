import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runUpdateTrack, type UpdateOptions } from '../../src/brownfield/update-track.js';
import { validatorGate } from '../../src/validators/gate.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { exampleProject, mockDeps, updateScript } from './update-support.js';
import type { Gate } from '../../src/gate/types.js';

let mock: MockModelServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const yes = async () => true;

/** Runs one scripted update on a copy of an example; returns the outcome and the lines that changed per file. */
async function update(
  example: string,
  options: Omit<UpdateOptions, 'maxQuestions'>,
  plan: unknown,
  edits: unknown[],
  files: string[],
  validator?: Gate,
) {
  mock = await startMockModelServer({ script: updateScript(plan, { edits, notes: 'scripted' }) });
  const root = await exampleProject(example);
  const before = new Map(
    await Promise.all(files.map(async (file) => [file, await readFile(join(root, file), 'utf8')] as const)),
  );
  const { deps } = await mockDeps(root, mock, validator);
  const outcome = await runUpdateTrack(deps, { ...options, maxQuestions: 3 }, yes);
  const changes: Record<string, { removed: string[]; added: string[] }> = {};
  for (const file of files) {
    const after = await readFile(join(root, file), 'utf8');
    const left = before.get(file)!.split('\n');
    const right = after.split('\n');
    changes[file] = {
      removed: left.filter((line) => !right.includes(line)).map((line) => line.trim()),
      added: right.filter((line) => !left.includes(line)).map((line) => line.trim()),
    };
    for (const comment of left.filter((line) => line.trim().startsWith('#')))
      expect(right).toContain(comment);
  }
  return { root, outcome, changes };
}

const cfnLintMissing = (() => {
  try {
    execFileSync('cfn-lint', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'cfn-lint is not installed';
  }
})();
if (cfnLintMissing) console.warn(`skipped: ${cfnLintMissing}`);

describe('update-cloudformation-code on the s3-secure-bucket example', () => {
  const template = 'templates/s3-secure-bucket.yaml';
  const options = { tool: 'cloudformation' as const, target: 'templates', environment: 'prod' };
  const plan = {
    summary: 'Add the team tag to the bucket.',
    changes: [{ file: 's3-secure-bucket.yaml', resource: 'Bucket', fields: ['Tags'], reason: 'R1' }],
  };
  const tag = {
    file: 's3-secure-bucket.yaml',
    resource: 'Bucket',
    path: ['Tags', '-'],
    op: 'set',
    value: '{ Key: team, Value: !Ref Team }',
  };

  it.skipIf(Boolean(cfnLintMissing))(
    'adds a tag with one added line; the real cfn-lint passes and the track is done',
    async () => {
      const { outcome, changes } = await update(
        'cloudformation/s3-secure-bucket',
        { ...options, change: 'add a team tag to the bucket' },
        plan,
        [tag],
        [template],
        validatorGate,
      );
      expect(outcome.reason).toBeUndefined();
      expect(outcome.state).toBe('done');
      expect(changes[template]).toEqual({ removed: [], added: ['- { Key: team, Value: !Ref Team }'] });
      expect(outcome.gate?.gates.find((gate) => gate.gate === 'validator')?.status).toBe('passed');
    },
  );

  it('blocks a tag change that also drops the customer-managed key, and keeps the template as it was', async () => {
    const sse = [
      'BucketEncryption',
      'ServerSideEncryptionConfiguration',
      '0',
      'ServerSideEncryptionByDefault',
    ];
    const loosen = [
      tag,
      {
        file: 's3-secure-bucket.yaml',
        resource: 'Bucket',
        path: [...sse, 'SSEAlgorithm'],
        op: 'set',
        value: 'AES256',
      },
      {
        file: 's3-secure-bucket.yaml',
        resource: 'Bucket',
        path: [...sse, 'KMSMasterKeyID'],
        op: 'delete',
        value: null,
      },
    ];
    const { outcome, changes } = await update(
      'cloudformation/s3-secure-bucket',
      { ...options, change: 'add a team tag to the bucket' },
      plan,
      loosen,
      [template],
    );
    expect(outcome.state).toBe('blocked');
    expect(outcome.gate?.newFindings.map((finding) => finding.ruleId).length).toBeGreaterThan(0);
    expect(changes[template]).toEqual({ removed: [], added: [] });
  });
});

describe('update-terraform-code on the s3-secure-bucket example', () => {
  const variables = 'modules/s3-secure-bucket/variables.tf';
  const main = 'modules/s3-secure-bucket/main.tf';
  const options = { tool: 'terraform' as const, target: 'modules/s3-secure-bucket', environment: 'prod' };

  it('renames a variable: its declaration, its validation and its one reference change, nothing else', async () => {
    const plan = {
      summary: 'Rename the expiry variable.',
      changes: [
        {
          file: 'variables.tf',
          resource: 'var.noncurrent_version_expiration_days',
          fields: [],
          reason: 'R1',
        },
        {
          file: 'main.tf',
          resource: 'aws_s3_bucket_lifecycle_configuration.this',
          fields: ['rule.noncurrent_version_expiration.noncurrent_days'],
          reason: 'R1',
        },
      ],
    };
    const edits = [
      {
        file: 'variables.tf',
        resource: 'var.noncurrent_version_expiration_days',
        path: [],
        op: 'rename',
        value: 'noncurrent_days_before_expiry',
      },
    ];
    const { outcome, changes } = await update(
      'terraform/s3-secure-bucket',
      { ...options, change: 'rename noncurrent_version_expiration_days to noncurrent_days_before_expiry' },
      plan,
      edits,
      [variables, main],
    );
    expect(outcome.reason).toBeUndefined();
    expect(outcome.state).toBe('done');
    expect(changes[main]).toEqual({
      removed: ['noncurrent_days = var.noncurrent_version_expiration_days'],
      added: ['noncurrent_days = var.noncurrent_days_before_expiry'],
    });
    expect(changes[variables].added).toEqual([
      'variable "noncurrent_days_before_expiry" {',
      'condition     = var.noncurrent_days_before_expiry >= 30 && var.noncurrent_days_before_expiry <= 3650',
    ]);
  });

  it('adds a tag on the bucket by changing its tags line only', async () => {
    const plan = {
      summary: 'Add the team tag to the bucket.',
      changes: [{ file: 'main.tf', resource: 'aws_s3_bucket.this', fields: ['tags'], reason: 'R1' }],
    };
    const edits = [
      {
        file: 'main.tf',
        resource: 'aws_s3_bucket.this',
        path: ['tags'],
        op: 'set',
        value: 'merge(local.tags, { team = var.team })',
      },
    ];
    const { outcome, changes } = await update(
      'terraform/s3-secure-bucket',
      { ...options, change: 'add a team tag to the bucket' },
      plan,
      edits,
      [main],
    );
    expect(outcome.state).toBe('done');
    expect(changes[main]).toEqual({
      removed: ['tags   = local.tags'],
      added: ['tags   = merge(local.tags, { team = var.team })'],
    });
  });
});

describe('update-composition on the other Crossplane examples', () => {
  it('changes the capacity mode of the v1 keyspace table (one changed line, two added under the same block)', async () => {
    const composition = 'compositions/cassandra-keyspace/composition.yaml';
    const field = ['spec', 'forProvider', 'capacitySpecification'];
    const plan = {
      summary: 'Provisioned capacity.',
      changes: [
        {
          file: 'composition.yaml',
          resource: 'table',
          fields: ['spec.forProvider.capacitySpecification'],
          reason: 'R1',
        },
      ],
    };
    const edits = [
      {
        file: 'composition.yaml',
        resource: 'table',
        path: [...field, 'throughputMode'],
        op: 'set',
        value: 'PROVISIONED',
      },
      {
        file: 'composition.yaml',
        resource: 'table',
        path: [...field, 'readCapacityUnits'],
        op: 'set',
        value: '10',
      },
      {
        file: 'composition.yaml',
        resource: 'table',
        path: [...field, 'writeCapacityUnits'],
        op: 'set',
        value: '5',
      },
    ];
    const { outcome, changes } = await update(
      'crossplane/cassandra-keyspace-v1',
      {
        tool: 'crossplane',
        target: 'compositions/cassandra-keyspace',
        change: 'switch the table to provisioned capacity',
        environment: 'prod',
      },
      plan,
      edits,
      [composition],
    );
    expect(outcome.reason).toBeUndefined();
    expect(outcome.state).toBe('done');
    expect(changes[composition]).toEqual({
      removed: ['throughputMode: PAY_PER_REQUEST'],
      added: ['throughputMode: PROVISIONED', 'readCapacityUnits: 10', 'writeCapacityUnits: 5'],
    });
  });

  it('turns on multi-AZ in staging and adds a label to the dev XR with the yaml document API', async () => {
    const composition = 'compositions/postgresql/composition.yaml';
    const xr = 'compositions/postgresql/examples/xr-dev.yaml';
    const plan = {
      summary: 'Multi-AZ in staging; label the dev example.',
      changes: [
        {
          file: 'composition.yaml',
          resource: 'instance',
          fields: ['spec.forProvider.multiAz'],
          reason: 'R1',
        },
        {
          file: 'examples/xr-dev.yaml',
          resource: 'orders-db-dev',
          fields: ['metadata.labels.team'],
          reason: 'R2',
        },
      ],
    };
    const edits = [
      {
        file: 'composition.yaml',
        resource: 'instance',
        path: ['spec', 'forProvider', 'multiAz'],
        op: 'set',
        value: '{{ or $prod (eq $p.environment "staging") }}',
      },
      {
        file: 'examples/xr-dev.yaml',
        resource: 'orders-db-dev',
        path: ['metadata', 'labels', 'team'],
        op: 'set',
        value: 'orders',
      },
    ];
    const { root, outcome, changes } = await update(
      'crossplane/postgresql',
      {
        tool: 'crossplane',
        target: 'compositions/postgresql',
        change: 'multi-AZ in staging too',
        environment: 'staging',
      },
      plan,
      edits,
      [composition, xr],
    );
    expect(outcome.reason).toBeUndefined();
    expect(outcome.state).toBe('done');
    expect(changes[composition]).toEqual({
      removed: ['multiAz: {{ $prod }}'],
      added: ['multiAz: {{ or $prod (eq $p.environment "staging") }}'],
    });
    // "    team: orders" also exists under spec.parameters, so compare the whole file.
    const before = await readFile(
      join(import.meta.dirname, '..', '..', 'examples', 'crossplane', 'postgresql', xr),
      'utf8',
    );
    expect(await readFile(join(root, xr), 'utf8')).toBe(
      before.replace(
        '    app.kubernetes.io/part-of: orders\n',
        '    app.kubernetes.io/part-of: orders\n    team: orders\n',
      ),
    );
  });
});

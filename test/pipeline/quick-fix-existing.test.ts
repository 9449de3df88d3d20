import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors/index.js';
import type { Gate } from '../../src/gate/types.js';
import { COMMAND_EVENTS, continueRelay } from '../../src/pipeline/operations.js';
import { quickFix } from '../../src/pipeline/quick-fix.js';
import { readStateFile } from '../../src/tracks/state-file.js';
import { stateName } from '../../src/tracks/index-file.js';
import { exampleProject, mockDeps } from '../brownfield/update-support.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import type { MockRule } from '../support/mock-model-types.js';

let mock: MockModelServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const MODULE = 'modules/s3-secure-bucket';
const LIFECYCLE = 'aws_s3_bucket_lifecycle_configuration.this';

/** The shipped Terraform example as existing code, its output folder set so a track named `s3-secure-bucket` owns the module. */
async function existingProject(): Promise<{ root: string; original: string }> {
  const root = await exampleProject('terraform/s3-secure-bucket');
  const style = join(root, '.infrakit/coding-style.md');
  await writeFile(
    style,
    (await readFile(style, 'utf8')).replace('outputDir: modules/s3-secure-bucket', 'outputDir: modules'),
  );
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'layout'], {
    cwd: root,
  });
  return { root, original: await readFile(join(root, MODULE, 'main.tf'), 'utf8') };
}

/** The IaC Engineer: a one-task plan naming the lifecycle resource, then main.tf as `edit` makes it (for code and repairs). */
function engineer(edit: (main: string) => string, original: string): MockRule[] {
  return [
    {
      match: { persona: 'iac-engineer', contains: 'Plan the ' },
      reply: {
        json: {
          plan: `# Plan\n\nShorten the abort window of ${LIFECYCLE}.`,
          tasks: [{ id: 'T1', title: `Edit ${LIFECYCLE}`, requirements: ['R1'], files: ['main.tf'] }],
        },
      },
      times: 1,
    },
    {
      match: { persona: 'iac-engineer' },
      reply: { json: { files: [{ path: 'main.tf', content: edit(original) }], notes: 'edited in place' } },
    },
  ];
}

const shorten = (main: string) => main.replace('days_after_initiation = 7', 'days_after_initiation = 3');
const shortenTo1 = (main: string) => main.replace('days_after_initiation = 7', 'days_after_initiation = 1');
/** The intended change, plus the bucket's encryption loosened from the customer-managed key to AES256. */
const loosen = (main: string) =>
  shorten(main).replace(
    'sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.bucket.arn',
    'sse_algorithm = "AES256"',
  );

const gitShow = (root: string, path: string) =>
  execFileSync('git', ['show', `HEAD:${path}`], { cwd: root, encoding: 'utf8' });

/** A first quick fix over the module folder (existing code, new track) that ends done; returns the track. */
async function firstFix(root: string, original: string): Promise<string> {
  mock = await startMockModelServer({ script: engineer(shorten, original) });
  const { deps } = await mockDeps(root, mock);
  const outcome = await quickFix(
    deps,
    { change: 'shorten the abort window to 3 days', name: 's3-secure-bucket', tool: 'terraform' },
    async () => true,
  );
  expect(outcome.reason).toBeUndefined();
  expect(outcome.state).toBe('done');
  await mock.close();
  mock = undefined;
  return outcome.track;
}

describe('quick-fix on existing code: the baseline diff gate runs inside validating', () => {
  it('ends done when the fix makes only the intended change, on the folder and then on the existing track', async () => {
    const { root, original } = await existingProject();
    const track = await firstFix(root, original);
    const afterFirst = await readFile(join(root, MODULE, 'main.tf'), 'utf8');
    expect(afterFirst).toBe(shorten(original));
    mock = await startMockModelServer({ script: engineer(shortenTo1, original) });
    const { deps } = await mockDeps(root, mock);
    const outcome = await quickFix(
      deps,
      { change: 'shorten the abort window to 1 day', track, name: 'unused', tool: 'terraform' },
      async () => true,
    );
    expect(outcome.reason).toBeUndefined();
    expect(outcome.state).toBe('done');
    const report = await readFile(join(root, '.infrakit/tracks', track, 'gate-report.md'), 'utf8');
    expect(report).toContain('baseline diff gate: passed');
    expect(stateName((await readStateFile(root, track)).snapshot.value)).toBe('done');
  });

  it('blocks the existing track, never done, when the scripted code also loosens encryption', async () => {
    const { root, original } = await existingProject();
    const track = await firstFix(root, original);
    mock = await startMockModelServer({ script: engineer(loosen, original) });
    const { deps } = await mockDeps(root, mock);
    const outcome = await quickFix(
      deps,
      { change: 'shorten the abort window to 3 days', track, name: 'unused', tool: 'terraform' },
      async () => true,
    );
    expect(outcome.state).toBe('blocked');
    expect(outcome.reason).toMatch(
      /baseline diff gate blocked: 1 new finding\(s\) the baseline did not have: IK-ENC-\d+/,
    );
    const saved = await readStateFile(root, track);
    expect(stateName(saved.snapshot.value)).toBe('blocked');
    const committed = JSON.parse(gitShow(root, `.infrakit/tracks/${track}/state.json`)) as {
      snapshot: { value: unknown };
    };
    expect(stateName(committed.snapshot.value)).toBe('blocked');
    const subjects = execFileSync('git', ['log', '--format=%s'], { cwd: root, encoding: 'utf8' });
    expect(subjects.split('\n')[0]).not.toMatch(/\bdone\b/);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })).toBe('');
  });

  it('blocks a fix that strays outside the planned resource even when the policy itself passes, and resume keeps it blocked', async () => {
    const { root, original } = await existingProject();
    const track = await firstFix(root, original);
    const stray = (main: string) =>
      shorten(main).replace('enable_key_rotation     = true', 'enable_key_rotation     = false');
    mock = await startMockModelServer({ script: engineer(stray, original) });
    const { deps } = await mockDeps(root, mock);
    const outcome = await quickFix(
      deps,
      { change: 'shorten the abort window to 3 days', track, name: 'unused', tool: 'terraform' },
      async () => true,
    );
    expect(outcome.state).toBe('blocked');
    expect(outcome.reason).toMatch(/^policy failed: policy passed/m);
    expect(outcome.reason).toContain('changed line(s) outside the resources the plan names');
    expect(outcome.reason).toContain('(aws_kms_key.bucket)');
    expect(gitShow(root, `.infrakit/tracks/${track}/existing-code.json`)).toContain('"baseline"');
    const resumed = await continueRelay(deps, track, [...COMMAND_EVENTS.resume]);
    expect(resumed.state).toBe('blocked');
    expect(resumed.reason).toContain('(aws_kms_key.bucket)');
  });

  it('Ctrl-C while the baseline is taken records no baseline (a killed validator must not excuse later failures)', async () => {
    const { root, original } = await existingProject();
    mock = await startMockModelServer({ script: engineer(shorten, original) });
    const controller = new AbortController();
    const killedValidator: Gate = async () => {
      controller.abort(new Error('interrupted (Ctrl-C)'));
      return { gate: 'validator', status: 'failed', summary: 'terraform validate exited with code unknown' };
    };
    const { deps } = await mockDeps(root, mock, killedValidator);
    deps.signal = controller.signal;
    const stopped = await quickFix(
      deps,
      { change: 'shorten the abort window to 3 days', name: 's3-secure-bucket', tool: 'terraform' },
      async () => true,
    ).then(
      (outcome) => outcome.error,
      (error: unknown) => error,
    );
    expect(stopped).toBeInstanceOf(InterruptedError);
    const subjects = execFileSync('git', ['log', '--format=%s'], { cwd: root, encoding: 'utf8' });
    expect(subjects).not.toContain('baseline of the existing code');
    expect(await readFile(join(root, MODULE, 'main.tf'), 'utf8')).toBe(original);
  });
});

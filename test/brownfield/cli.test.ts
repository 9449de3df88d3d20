import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMissing, runCliInWorker as runCli } from '../pipeline/cli-runner.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { exampleProject, updateScript } from './update-support.js';

let mock: MockModelServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const cfnLintMissing = (() => {
  try {
    execFileSync('cfn-lint', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'cfn-lint is not installed';
  }
})();
const reason = cliMissing ?? cfnLintMissing;
if (reason) console.warn(`skipped: ${reason}`);

describe.skipIf(Boolean(cliMissing))('the CLI (in-process)', () => {
  it.skipIf(Boolean(cfnLintMissing))(
    'update-cloudformation-code --answers --yes --json ends done with a one-line diff (real cfn-lint)',
    async () => {
      const plan = {
        summary: 'Add the team tag.',
        changes: [{ file: 's3-secure-bucket.yaml', resource: 'Bucket', fields: ['Tags'], reason: 'R1' }],
      };
      const edits = {
        edits: [
          {
            file: 's3-secure-bucket.yaml',
            resource: 'Bucket',
            path: ['Tags', '-'],
            op: 'set',
            value: '{ Key: team, Value: !Ref Team }',
          },
        ],
        notes: '',
      };
      mock = await startMockModelServer({ script: updateScript(plan, edits) });
      const root = await exampleProject('cloudformation/s3-secure-bucket');
      await writeFile(join(root, 'answers.yaml'), 'environments: staging only\n');
      const run = await runCli(
        root,
        [
          'update-cloudformation-code',
          'templates',
          'add a team tag to the bucket',
          '--answers',
          'answers.yaml',
          '--yes',
          '--json',
          '--env',
          'prod',
        ],
        mock.anthropicBaseUrl,
      );
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as {
        state: string;
        diff: string;
        gate: { newFindings: unknown[] };
      };
      expect(result.state).toBe('done');
      expect(result.diff.split('\n').filter((line) => /^[+-][^+-]/.test(line))).toEqual([
        '+        - { Key: team, Value: !Ref Team }',
      ]);
      expect(result.gate.newFindings).toEqual([]);
    },
  );

  it('update-composition ends blocked (exit 5) and leaves the code as it was when crossplane render is unavailable', async () => {
    const plan = {
      summary: 'PITR in staging.',
      changes: [
        {
          file: 'composition.yaml',
          resource: 'table',
          fields: ['spec.forProvider.pointInTimeRecovery.status'],
          reason: 'R1',
        },
      ],
    };
    const edits = {
      edits: [
        {
          file: 'composition.yaml',
          resource: 'table',
          path: ['spec', 'forProvider', 'pointInTimeRecovery', 'status'],
          op: 'set',
          value: '{{ if or $prod (eq $p.environment "staging") }}ENABLED{{ else }}DISABLED{{ end }}',
        },
      ],
      notes: '',
    };
    mock = await startMockModelServer({ script: updateScript(plan, edits) });
    const root = await exampleProject('crossplane/cassandra-keyspace');
    const file = join(root, 'compositions/cassandra-keyspace/composition.yaml');
    const before = await readFile(file, 'utf8');
    await writeFile(join(root, 'answers.yaml'), '- staging only\n');
    const run = await runCli(
      root,
      [
        'update-composition',
        'compositions/cassandra-keyspace',
        'enable PITR in staging',
        '--answers',
        'answers.yaml',
        '--yes',
        '--env',
        'staging',
      ],
      mock.anthropicBaseUrl,
    );
    if (run.code === 0) {
      console.warn('skipped: crossplane render is installed here and passed');
      return;
    }
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/blocked/);
    expect(run.stdout).toMatch(/validator did not pass/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('update-terraform-code refuses a folder of another tool, naming the right command (exit 2)', async () => {
    mock = await startMockModelServer({ script: [] });
    const root = await exampleProject('cloudformation/s3-secure-bucket');
    const run = await runCli(
      root,
      ['update-terraform-code', 'templates', 'add a tag', '--yes', '--answers', 'none.yaml'],
      mock.anthropicBaseUrl,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds cloudformation code.*\n.*update-cloudformation-code/);
  });

  it('adopt drafts the constraints and lists outliers; a second run needs --force', async () => {
    const runCli = async (cwd: string, args: string[]) => {
      const child = await runCliInProcess(args, {
        cwd,
        env: { PATH: process.env.PATH, HOME: cwd, CI: 'true' },
        extendEnv: false,
      });
      return { code: child.exitCode, stdout: child.stdout, stderr: child.stderr };
    };
    const root = await mkdtemp(join(tmpdir(), 'ik-adopt-cli-'));
    await cp(join(import.meta.dirname, '..', 'fixtures', 'brownfield', 'inconsistent-tags'), root, {
      recursive: true,
    });
    const first = await runCli(root, ['adopt']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/4 outlier|outlier\(s\)/);
    expect(first.stdout).toContain('aws_s3_bucket.legacy');
    const second = await runCli(root, ['adopt']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/--force/);
  });
});

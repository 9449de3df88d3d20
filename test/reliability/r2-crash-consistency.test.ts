import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { buildCheckpoints, runStage, type Checkpoints, type Stage } from './support/checkpoints.js';
import { cliEnvironment, cliMissing, describeRun, pool, runCli, type CliRun } from './support/cli.js';
import { comparable, finalState, trackOf } from './support/flow.js';
import { scriptWith } from './support/model-script.js';
import { createSandbox, git, type Sandbox } from './support/project.js';

/**
 * Kill points inside writes and between a write and its commit (src/util/test-kill-point.ts).
 * The commit points (`commit:N:before`, `commit:N:after`) are added for every step commit of
 * the uninterrupted run, so a new step is covered without editing this list.
 */
const WRITE_POINTS = [
  'write-half:request.md',
  'written:request.md',
  'write-half:state.json',
  'before-rename:state.json',
  'write-half:qa.md',
  'written:qa.md',
  'write-half:spec.md',
  'before-rename:spec.md',
  'written:spec.md',
  'write-half:review-architect.json',
  'written:review-security-engineer.md',
  'write-half:plan.md',
  'written:plan.md',
  'before-rename:tasks.md',
  'write-half:definition.yaml',
  'written:definition.yaml',
  'before-rename:composition.yaml',
  'write-half:xr.yaml',
  'written:xr.yaml',
  'write-half:gate-report.md',
  'written:findings.json',
  'write-half:tracks.md',
];

const CONCURRENCY = 3;
const counts = { points: 0, killed: 0, clean: 0 };
const failures: string[] = [];

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const stepNumbers = (subjects: string[]) =>
  subjects.flatMap((subject) => [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])));

/** Runs the rest of the user's recovery after a kill: resume, then the commands not yet run. */
async function recover(sandbox: Sandbox, baseUrl: string, killedAt: Stage): Promise<CliRun[]> {
  const env = cliEnvironment(sandbox, baseUrl);
  const track = trackOf(sandbox);
  const runs: CliRun[] = [];
  if (track === undefined) {
    runs.push(await runStage('new', sandbox, baseUrl));
  } else {
    runs.push(await runCli(['resume', track, '--answers', sandbox.answers], { cwd: sandbox.root, env }));
  }
  const order: Stage[] = ['new', 'plan', 'implement'];
  for (const stage of order.slice(order.indexOf(killedAt) + 1))
    runs.push(await runStage(stage, sandbox, baseUrl));
  return runs;
}

/** Problems with the repository after recovery: fsck, duplicate or missing step commits, partial files in any commit. */
function repositoryProblems(sandbox: Sandbox, reference: ReturnType<typeof finalState>): string[] {
  const problems: string[] = [];
  try {
    execFileSync('git', ['fsck', '--full', '--strict', '--no-dangling'], {
      cwd: sandbox.root,
      stdio: 'pipe',
    });
  } catch (error) {
    problems.push(`git fsck failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  const subjects = git(sandbox.root, ['log', '--reverse', '--format=%s']).trim().split('\n');
  const numbers = stepNumbers(subjects);
  const expected = stepNumbers(reference.commits);
  if (
    JSON.stringify([...numbers].sort((a, b) => a - b)) !== JSON.stringify(expected) ||
    new Set(numbers).size !== numbers.length
  )
    problems.push(`step commits ${numbers.join(',')} instead of ${expected.join(',')}`);
  const track = trackOf(sandbox) ?? '';
  for (const [file, hash] of Object.entries(reference.contents)) {
    const path = file.split('TRACK').join(track);
    const versions = git(sandbox.root, ['log', '--format=%H', '--', path]).trim().split('\n').filter(Boolean);
    for (const commit of versions) {
      const committed = execFileSync('git', ['show', `${commit}:${path}`], { cwd: sandbox.root });
      if (sha(committed) !== hash)
        problems.push(`${commit.slice(0, 8)} committed a partial or different ${path}`);
    }
  }
  const status = git(sandbox.root, ['status', '--porcelain', '--untracked-files=all']).trim();
  if (status) problems.push(`the working tree is not clean after recovery:\n${status}`);
  return problems;
}

describe.skipIf(cliMissing)('R2: SIGKILL at every step boundary and mid-step, then resume', () => {
  let checkpoints: Checkpoints;
  let mock: MockModelServer;
  let reference: ReturnType<typeof finalState>;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    checkpoints = await buildCheckpoints(mock.url);
    reference = checkpoints.after.implement;
  });

  afterAll(async () => {
    await mock?.close();
    console.log(
      `R2 crashes: ${counts.killed}/${counts.points} kill points reached with SIGKILL; ${counts.clean}/${counts.killed} resumed to the uninterrupted result (no missing, duplicated or partial artifact or commit; git fsck clean)`,
    );
    if (failures.length) console.log(`R2 failures:\n${failures.join('\n')}`);
  });

  it('recovers from a SIGKILL at each kill point', async () => {
    const commitPoints = stepNumbers(reference.commits).flatMap((number) => [
      `commit:${number}:before`,
      `commit:${number}:after`,
    ]);
    const points = [...commitPoints, ...WRITE_POINTS];
    await pool(
      points.map(
        (point) => () =>
          crashAndRecover(point).catch((error: unknown) => {
            failures.push(`${point}: the check itself failed: ${String(error)}`);
          }),
      ),
      CONCURRENCY,
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(counts.clean).toBe(points.length);
  });

  async function crashAndRecover(point: string): Promise<void> {
    counts.points += 1;
    const sandbox = createSandbox();
    const kill = { INFRAKIT_TEST_KILL_AT: point };
    let killedAt: Stage | undefined;
    const runs: CliRun[] = [];
    for (const stage of ['new', 'plan', 'implement'] as const) {
      const run = await runStage(stage, sandbox, mock.url, kill);
      runs.push(run);
      if (run.signal === 'SIGKILL') {
        killedAt = stage;
        break;
      }
    }
    if (!killedAt) {
      failures.push(
        `${point}: never reached (the process was not killed)\n${runs.map(describeRun).join('\n')}`,
      );
      return;
    }
    counts.killed += 1;
    runs.push(...(await recover(sandbox, mock.url, killedAt)));
    const end = trackOf(sandbox) ? finalState(sandbox) : undefined;
    const problems = end ? repositoryProblems(sandbox, reference) : ['no track after recovery'];
    if (end && JSON.stringify(comparable(end)) !== JSON.stringify(comparable(reference)))
      problems.push(`final state differs:\n${JSON.stringify(end)}\nexpected\n${JSON.stringify(reference)}`);
    if (problems.length)
      failures.push(
        `${point} (killed during ${killedAt}):\n  ${problems.join('\n  ')}\n${runs.slice(1).map(describeRun).join('\n')}`,
      );
    else counts.clean += 1;
  }
});

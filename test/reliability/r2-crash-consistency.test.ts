import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import {
  buildCheckpoints,
  copySandbox,
  runStage,
  type Checkpoints,
  type Stage,
} from './support/checkpoints.js';
import { cliEnvironment, cliMissing, describeRun, pool, runCli, type CliRun } from './support/cli.js';
import { finalState, trackOf } from './support/flow.js';
import { scriptWith } from './support/model-script.js';
import { git, type Sandbox } from './support/project.js';

/**
 * Kill points inside writes and between a write and its commit (src/util/test-kill-point.ts), with
 * the command that reaches them. `commit:N:before` / `commit:N:after` are added for every step of
 * the uninterrupted run, so a new step is covered without editing this list.
 */
const WRITE_POINTS: Array<[string, Stage]> = [
  ['write-half:request.md', 'new'],
  ['before-rename:state.json', 'new'],
  ['write-half:qa.md', 'new'],
  ['written:qa.md', 'new'],
  ['write-half:spec.md', 'new'],
  ['written:review-security-engineer.md', 'new'],
  ['write-half:tracks.md', 'new'],
  ['before-rename:tasks.md', 'plan'],
  ['write-half:definition.yaml', 'implement'],
  ['written:definition.yaml', 'implement'],
  ['before-rename:composition.yaml', 'implement'],
  ['written:findings.json', 'implement'],
];

const STAGES: Stage[] = ['new', 'plan', 'implement'];
const CONCURRENCY = 3;
const counts = { points: 0, killed: 0, clean: 0, fresh: 0 };
const failures: string[] = [];

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const stepNumbers = (subjects: string[]) =>
  subjects.flatMap((subject) => [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])));

/** The user's recovery after a kill: resume, then the commands not yet run. A track killed before its first save is started again. */
async function recover(
  sandbox: Sandbox,
  baseUrl: string,
  killedAt: Stage,
): Promise<{ runs: CliRun[]; problems: string[] }> {
  const env = cliEnvironment(sandbox, baseUrl);
  const track = trackOf(sandbox) ?? 'keyspace';
  const runs = [await runCli(['resume', track, '--answers', sandbox.answers], { cwd: sandbox.root, env })];
  const problems: string[] = [];
  const trackDir = join(sandbox.root, '.infrakit', 'tracks', track);
  if (!existsSync(join(trackDir, 'state.json'))) {
    // Killed before the first save: resume must fail clearly; the user deletes the folder and starts again.
    if (runs[0].code === 0 || runs[0].code === 1 || !runs[0].stderr.includes(track))
      problems.push('resume of a track killed before its first save gave no clear error');
    rmSync(trackDir, { recursive: true, force: true });
    counts.fresh += 1;
    for (const stage of STAGES) runs.push(await runStage(stage, sandbox, baseUrl));
    return { runs, problems };
  }
  for (const stage of STAGES.slice(STAGES.indexOf(killedAt) + 1))
    runs.push(await runStage(stage, sandbox, baseUrl));
  return { runs, problems };
}

/** Problems with the repository after recovery: fsck, step commits missing or twice, a partial file in any commit, leftovers. */
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
  const numbers = stepNumbers(git(sandbox.root, ['log', '--reverse', '--format=%s']).trim().split('\n'));
  const contiguous = numbers.every((number, index) => number === index + 1);
  if (!contiguous || numbers.length === 0)
    problems.push(`step commits ${numbers.join(',')}: a step is missing or committed twice`);
  const track = trackOf(sandbox) ?? '';
  for (const [file, hash] of Object.entries(reference.contents)) {
    const path = file.split('TRACK').join(track);
    const versions = git(sandbox.root, ['log', '--format=%H', '--', path]).trim().split('\n').filter(Boolean);
    if (versions.length === 0) problems.push(`${path} was never committed`);
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
      `R2 crashes: ${counts.killed}/${counts.points} kill points reached with a real SIGKILL; ${counts.clean}/${counts.killed} clean resumes ` +
        `(same state and artifacts as the uninterrupted run, no missing, duplicated or partial artifact or step commit, git fsck clean; ${counts.fresh} killed before the first save were restarted as the error says)`,
    );
    if (failures.length) console.log(`R2 failures:\n${failures.join('\n')}`);
  });

  it('recovers from a SIGKILL at each kill point', async () => {
    const stageOfStep = (number: number) =>
      STAGES.find((stage) => checkpoints.after[stage].steps.length >= number) ?? 'implement';
    const commitPoints = stepNumbers(reference.commits).flatMap((number): Array<[string, Stage]> => [
      [`commit:${number}:before`, stageOfStep(number)],
      [`commit:${number}:after`, stageOfStep(number)],
    ]);
    const points = [...commitPoints, ...WRITE_POINTS];
    await pool(
      points.map(
        ([point, stage]) =>
          () =>
            crashAndRecover(point, stage).catch((error: unknown) => {
              failures.push(`${point}: the check itself failed: ${String(error)}`);
            }),
      ),
      CONCURRENCY,
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(counts.clean).toBe(points.length);
  });

  async function crashAndRecover(point: string, stage: Stage): Promise<void> {
    counts.points += 1;
    const sandbox = copySandbox(checkpoints.before[stage]);
    const killed = await runStage(stage, sandbox, mock.url, { INFRAKIT_TEST_KILL_AT: point });
    if (killed.signal !== 'SIGKILL') {
      failures.push(
        `${point}: never reached during ${stage} (the process was not killed)\n${describeRun(killed)}`,
      );
      return;
    }
    counts.killed += 1;
    const { runs, problems } = await recover(sandbox, mock.url, stage);
    const end = finalState(sandbox);
    problems.push(...repositoryProblems(sandbox, reference));
    const pick = (state: ReturnType<typeof finalState>) =>
      JSON.stringify([state.value, state.reason, state.files, state.contents]);
    if (pick(end) !== pick(reference))
      problems.push(`final state differs:\n${pick(end)}\nexpected\n${pick(reference)}`);
    if (runs.some((run) => run.code === 1 || /internal error/i.test(run.stderr)))
      problems.push('a recovery command crashed');
    if (problems.length)
      failures.push(
        `${point} (killed during ${stage}):\n  ${problems.join('\n  ')}\n${runs.map(describeRun).join('\n')}`,
      );
    else counts.clean += 1;
  }
});

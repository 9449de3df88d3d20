import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage, sandboxThrough } from './support/checkpoints.js';
import { cliEnvironment, cliMissing, describeRun, runCli, type CliRun } from './support/cli.js';
import { listFiles, readState, trackOf } from './support/flow.js';
import { scriptWith } from './support/model-script.js';
import { git, type Sandbox } from './support/project.js';

const counts = { cases: 0, clear: 0 };
const failures: string[] = [];

/** Every file of the project except .git, with its content. */
const snapshotFiles = (sandbox: Sandbox) =>
  Object.fromEntries(
    listFiles(sandbox.root).map((file) => [file, readFileSync(join(sandbox.root, file), 'latin1')]),
  );

/** Files that were there before and are gone or changed after (only `allowed` may change). */
function lost(
  before: Record<string, string>,
  sandbox: Sandbox,
  allowed: (file: string) => boolean = () => false,
): string[] {
  const after = snapshotFiles(sandbox);
  return Object.keys(before).filter((file) => !allowed(file) && after[file] !== before[file]);
}

/** A clear failure: non-zero, not an internal error, a message matching `names` and a hint line. */
function clearError(run: CliRun, names: RegExp): string[] {
  const problems: string[] = [];
  if (run.code === 0) problems.push('exited 0');
  if (run.code === 1 || run.signal || /internal error/i.test(run.stderr))
    problems.push('crashed (internal error)');
  if (!names.test(run.stderr)) problems.push(`the message does not match ${names}`);
  return problems;
}

/** Counts the case; returns its failure text ('' when clear). */
function record(name: string, problems: string[], runs: CliRun[]): string {
  counts.cases += 1;
  if (!problems.length) {
    counts.clear += 1;
    return '';
  }
  const failure = `${name}: ${problems.join('; ')}\n${runs.map(describeRun).join('\n')}`;
  failures.push(failure);
  return failure;
}

describe.skipIf(cliMissing)('bad input: clear errors, nothing lost', () => {
  let reviewed: Sandbox;
  let mock: MockModelServer;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    reviewed = await sandboxThrough(['new'], mock.url);
  });

  afterAll(async () => {
    await mock?.close();
    console.log(
      `Bad input: ${counts.clear}/${counts.cases} cases ended with a clear error naming the fix (or a safe success) and nothing lost`,
    );
    if (failures.length) console.log(`Bad input failures:\n${failures.join('\n')}`);
  });

  it('missing and corrupt state.json', async () => {
    const mine: string[] = [];
    for (const [name, damage] of [
      ['missing state.json', (path: string) => rmSync(path)],
      ['corrupt state.json', (path: string) => writeFileSync(path, '{"version": 1, "snap')],
      [
        'state.json of another shape',
        (path: string) => writeFileSync(path, '{"version": 1, "snapshot": 42}\n'),
      ],
    ] as const) {
      const sandbox = copySandbox(reviewed);
      const statePath = join(sandbox.root, '.infrakit', 'tracks', trackOf(sandbox) ?? '', 'state.json');
      damage(statePath);
      const before = snapshotFiles(sandbox);
      const runs = [
        await runStage('plan', sandbox, mock.url),
        await runCli(['status', trackOf(sandbox) ?? ''], {
          cwd: sandbox.root,
          env: cliEnvironment(sandbox, mock.url),
        }),
      ];
      const problems = [
        ...clearError(runs[0], /state\.json/),
        ...lost(before, sandbox).map((file) => `lost ${file}`),
      ];
      if (!/state\.json/.test(runs[1].stderr + runs[1].stdout))
        problems.push('status does not name state.json');
      mine.push(record(name, problems, runs));
    }
    expect(mine.filter(Boolean).join('\n\n')).toBe('');
  });

  it('a track deleted from under a run', async () => {
    const slow = await startMockModelServer({ script: scriptWith([]), latencyMs: 400 });
    const sandbox = copySandbox(reviewed);
    const trackDir = join(sandbox.root, '.infrakit', 'tracks', trackOf(sandbox) ?? '');
    const running = runStage('plan', sandbox, slow.url);
    while (slow.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    rmSync(trackDir, { recursive: true, force: true });
    const run = await running;
    await slow.close();
    const problems = clearError(run, /track|deleted|missing|no such/i);
    const head = git(sandbox.root, ['log', '-1', '--format=%s']);
    if (/ plan by /.test(head)) problems.push('committed a plan into a deleted track');
    expect(record('track deleted under a run', problems, [run])).toBe('');
  });

  it("a dirty git tree: the user's own changes, staged and unstaged, are kept and never committed", async () => {
    const sandbox = copySandbox(reviewed);
    writeFileSync(join(sandbox.root, 'notes.md'), 'committed\n');
    git(sandbox.root, ['add', 'notes.md']);
    git(sandbox.root, ['commit', '-q', '-m', 'notes']);
    writeFileSync(join(sandbox.root, 'notes.md'), 'edited, not staged\n');
    writeFileSync(join(sandbox.root, 'staged.md'), 'staged, not committed\n');
    git(sandbox.root, ['add', 'staged.md']);
    writeFileSync(join(sandbox.root, 'untracked.md'), 'untracked\n');
    const before = snapshotFiles(sandbox);
    const run = await runStage('plan', sandbox, mock.url);
    const problems: string[] = [];
    if (run.code !== 0) problems.push(`plan exited ${run.code}`);
    problems.push(
      ...lost(before, sandbox, (file) => file.startsWith('.infrakit/')).map((file) => `lost ${file}`),
    );
    const committed = git(sandbox.root, ['show', '--name-only', '--format=', 'HEAD']);
    if (/notes\.md|staged\.md|untracked\.md/.test(committed))
      problems.push(`the step commit took the user's files: ${committed}`);
    if (!git(sandbox.root, ['diff', '--cached', '--name-only']).includes('staged.md'))
      problems.push('staged.md is no longer staged');
    expect(record('dirty git tree', problems, [run])).toBe('');
  });

  it('uncommitted edits in the code folder: implement refuses to overwrite them and they survive', async () => {
    const sandbox = copySandbox(reviewed);
    expect((await runStage('plan', sandbox, mock.url)).code).toBe(0);
    const track = trackOf(sandbox) ?? '';
    const codeDirectory = JSON.parse(
      readFileSync(join(sandbox.root, '.infrakit', 'tracks', track, 'state.json'), 'utf8'),
    ).meta.codeDirectory as string;
    // The file the IaC Engineer will write first, edited by hand and not committed.
    const edited = join(sandbox.root, codeDirectory, 'definition.yaml');
    mkdirSync(join(sandbox.root, codeDirectory), { recursive: true });
    writeFileSync(edited, '# my own work, not committed yet\n');
    const before = snapshotFiles(sandbox);
    const run = await runCli(['implement', track], {
      cwd: sandbox.root,
      env: cliEnvironment(sandbox, mock.url),
    });
    // A blocked track prints its reason with the outcome, on stdout.
    const problems = [
      ...clearError(
        { ...run, stderr: `${run.stdout}\n${run.stderr}` },
        /refused to overwrite .*definition\.yaml.*not committed/i,
      ),
      ...lost(before, sandbox, (file) => file.startsWith('.infrakit/')).map((file) => `lost ${file}`),
    ];
    if (!/stash -u/.test(run.stdout)) problems.push('the reason does not say how to keep the edit');
    if (readFileSync(edited, 'utf8') !== '# my own work, not committed yet\n')
      problems.push('the edit was overwritten');
    expect(record('uncommitted code edits', problems, [run])).toBe('');
  });

  it('a detached HEAD', async () => {
    const sandbox = copySandbox(reviewed);
    git(sandbox.root, ['checkout', '-q', '--detach']);
    const before = snapshotFiles(sandbox);
    const run = await runStage('plan', sandbox, mock.url);
    const problems = [
      ...clearError(run, /detached/i),
      ...lost(before, sandbox).map((file) => `lost ${file}`),
    ];
    if (!/git .*(switch|checkout)/.test(run.stderr))
      problems.push('the hint does not say how to get back on a branch');
    expect(record('detached HEAD', problems, [run])).toBe('');
  });

  it('unwritable directories (the CLI runs as an unprivileged user when the suite runs as root)', async () => {
    // root ignores file modes, so as root the CLI child runs as uid/gid 65534 (nobody) over a project it owns.
    const asNobody = process.getuid?.() === 0;
    const mine: string[] = [];
    for (const target of ['track folder', '.infrakit folder']) {
      const sandbox = copySandbox(reviewed);
      const track = trackOf(sandbox) ?? '';
      if (asNobody) execFileSync('chown', ['-R', '65534:65534', sandbox.base]);
      const locked =
        target === 'track folder'
          ? join(sandbox.root, '.infrakit', 'tracks', track)
          : join(sandbox.root, '.infrakit');
      chmodSync(locked, 0o555);
      const before = snapshotFiles(sandbox);
      const run = await runCli(['plan', track, '--answers', sandbox.answers], {
        cwd: sandbox.root,
        env: cliEnvironment(sandbox, mock.url),
        uid: asNobody ? 65534 : undefined,
        gid: asNobody ? 65534 : undefined,
      });
      chmodSync(locked, 0o755);
      // The track's own files may move on (a step can finish before the unwritable folder is hit); nothing else may change.
      const problems = [
        ...clearError(run, /not writable/i),
        ...lost(before, sandbox, (file) => file.startsWith(`.infrakit/tracks/${track}/`)).map(
          (file) => `lost ${file}`,
        ),
      ];
      if (target === 'track folder' && readState(sandbox).value !== 'spec-reviewed')
        problems.push(`the track moved to ${JSON.stringify(readState(sandbox).value)}`);
      mine.push(record(`unwritable ${target}`, problems, [run]));
    }
    expect(mine.filter(Boolean).join('\n\n')).toBe('');
  });
});

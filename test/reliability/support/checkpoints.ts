import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnvironment, describeRun, runCli, type CliRun } from './cli.js';
import { finalState, newArgs, trackOf } from './flow.js';
import { createSandbox, type Sandbox } from './project.js';

/** The three commands of a full run, in order. */
export type Stage = 'new' | 'plan' | 'implement';

/** A full uninterrupted run kept at each stage: the sandbox before the stage and the state after it. */
export interface Checkpoints {
  before: Record<Stage, Sandbox>;
  after: Record<Stage, ReturnType<typeof finalState>>;
  track: string;
}

/** A copy of `sandbox` (project with its .git, home, outside, answers) in a new temp folder. */
export function copySandbox(sandbox: Sandbox): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'infrakit-rel-copy-'));
  cpSync(sandbox.base, base, { recursive: true, verbatimSymlinks: true });
  return {
    base,
    root: join(base, 'project'),
    home: join(base, 'home'),
    outside: join(base, 'outside'),
    answers: join(base, 'answers.yaml'),
  };
}

/** The CLI arguments of `stage` on `sandbox`. */
export function stageArgs(stage: Stage, sandbox: Sandbox): string[] {
  return stage === 'new'
    ? newArgs(sandbox)
    : [stage, trackOf(sandbox) ?? 'keyspace', '--answers', sandbox.answers];
}

/** Runs one stage's command as a CLI child process. */
export function runStage(
  stage: Stage,
  sandbox: Sandbox,
  baseUrl: string,
  extra: Record<string, string> = {},
): Promise<CliRun> {
  return runCli(stageArgs(stage, sandbox), {
    cwd: sandbox.root,
    env: cliEnvironment(sandbox, baseUrl, extra),
  });
}

/** `sandbox` (a new one by default) taken through `stages` against `baseUrl`; a stage that fails throws. */
export async function sandboxThrough(
  stages: Stage[],
  baseUrl: string,
  sandbox: Sandbox = createSandbox(),
): Promise<Sandbox> {
  for (const stage of stages) {
    const run = await runStage(stage, sandbox, baseUrl);
    if (run.code !== 0) throw new Error(`${stage} failed: ${describeRun(run)}`);
  }
  return sandbox;
}

/** Runs new → plan → implement once against `baseUrl`, copying the sandbox before each stage. */
export async function buildCheckpoints(baseUrl: string): Promise<Checkpoints> {
  const sandbox = createSandbox();
  const before = {} as Record<Stage, Sandbox>;
  const after = {} as Record<Stage, ReturnType<typeof finalState>>;
  for (const stage of ['new', 'plan', 'implement'] as const) {
    before[stage] = copySandbox(sandbox);
    const run = await runStage(stage, sandbox, baseUrl);
    if (run.code !== 0 && stage !== 'implement')
      throw new Error(`the uninterrupted ${stage} failed: ${describeRun(run)}`);
    after[stage] = finalState(sandbox);
  }
  return { before, after, track: trackOf(sandbox) ?? '' };
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssuedStep, StepReport } from '../../src/steps/agent-operations.js';
import {
  demoProject,
  fakeValidatorPath,
  scriptedAgent,
  sharedDirectory,
  sharedMissing,
} from '../steps/agent-project.js';
import { cliBuilt, notBuiltReason, runCli } from './run-cli.js';

const skipped = !cliBuilt ? notBuiltReason : sharedMissing;
if (skipped) console.warn(`skipped: ${skipped}`);

describe.skipIf(Boolean(skipped))('infrakit step start|next|submit (a shell-only agent)', () => {
  let projectRoot: string;
  let request: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ({
      projectRoot,
      script: {
        track: { request },
      },
    } = await demoProject());
    env = {
      PATH: await fakeValidatorPath(),
      HOME: projectRoot,
      INFRAKIT_SHARED_DIR: sharedDirectory,
      CI: 'true',
    };
  });

  const cli = (args: string[], input?: string) =>
    runCli([...args, '--json'], { cwd: projectRoot, env, input });

  it('drives a Crossplane track from request to done through the CLI, and refuses bad answers', async () => {
    const answer = await scriptedAgent();
    const started = await cli([
      'step',
      'start',
      'cassandra-keyspace',
      '--iac',
      'crossplane',
      '--env',
      'dev',
      '--through',
      'implement',
      '--max-questions',
      '6',
      request,
    ]);
    expect(started.exitCode, started.stderr).toBe(0);
    let report = JSON.parse(started.stdout) as StepReport;
    const track = report.track;
    expect(report.pending[0]).toMatchObject({ persona: 'solutions-engineer', output: 'clarify' });

    // A refused answer: exit 2, the reason and the expected step, nothing stored.
    const refused = await cli(
      ['step', 'submit', track, '--step', report.pending[0].id, '--answer', '-'],
      '{"spec": 7}',
    );
    expect(refused.exitCode).toBe(2);
    const error = JSON.parse(refused.stdout).error;
    expect(error.message).toContain('does not match the clarify schema');
    expect(error.hint).toContain(`Expected one of: ${report.pending[0].id}`);
    expect((JSON.parse((await cli(['step', 'next', track])).stdout) as StepReport).pending).toEqual(
      report.pending,
    );

    const submit = async (step: IssuedStep, given: unknown) => {
      const file = join(projectRoot, '..', `${step.id}.json`);
      await writeFile(file, JSON.stringify(given));
      const result = await cli([
        'step',
        'submit',
        track,
        '--step',
        step.id,
        '--answer',
        file,
        '--answered-by',
        'shell-agent',
      ]);
      expect(result.exitCode, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as StepReport;
    };
    for (let round = 0; round < 30 && report.pending.length > 0; round += 1) {
      if (report.pending.length > 1) {
        // Both reviews are issued together; each answer is built from its own prompt only.
        const [first, second] = report.pending;
        const firstAnswer = answer(first) as { summary: string };
        const secondAnswer = answer(second) as { summary: string };
        expect(second.prompt).not.toContain(firstAnswer.summary);
        const between = await submit(first, firstAnswer);
        expect(between.pending.map((step) => step.id)).toEqual([second.id]);
        expect(between.pending[0].prompt).toBe(second.prompt);
        report = await submit(second, secondAnswer);
        continue;
      }
      report = await submit(report.pending[0], answer(report.pending[0]));
    }
    expect(report.state, report.reason).toBe('done');
    expect(report.gates.map((gate) => gate.status)).toEqual(['passed', 'passed', 'passed']);
    // The step book is committed with the track: nothing of the track is left out of git.
    const git = simpleGit(projectRoot);
    expect(await git.raw(['status', '--porcelain', '--', `.infrakit/tracks/${track}`])).toBe('');
    expect(await git.raw(['ls-files', '--', `.infrakit/tracks/${track}/agent`])).toContain(
      'agent/steps.json',
    );
    const status = await cli(['status', track]);
    const answeredBy = Object.values(
      JSON.parse(status.stdout).answeredBy ?? JSON.parse(status.stdout).track?.answeredBy ?? {},
    );
    expect(answeredBy).toContain('host agent (shell-agent)');
  }, 300_000);
});

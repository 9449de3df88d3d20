import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickFix } from '../../src/pipeline/quick-fix.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { cliMissing, runCliInWorker as runCli } from './cli-runner.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject, gitSubjects } from './fixture-project.js';
import { relayMockScript } from './mock-script.js';
import { iacEngineer, reviewer, solutionsEngineer } from './scripts.js';

if (cliMissing) console.warn(`skipped: ${cliMissing}`);

describe.skipIf(Boolean(cliMissing))('relay commands through the built CLI and the mock server', () => {
  let mock: MockModelServer;
  beforeAll(async () => {
    mock = await startMockModelServer({ script: relayMockScript({ questions: 1 }) });
  });
  afterAll(async () => mock.close());

  it('status with no tracks says how to start one and summarizes the constraints', async () => {
    const root = createFixtureProject();
    const run = await runCli(root, ['status'], mock.anthropicBaseUrl);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No tracks yet. Start one with:');
    expect(run.stdout).toContain('infrakit new-composition <name>');
    expect(run.stdout).toMatch(/Constraints: aws us-east-1, crossplane \(validator crossplane-render\)/);
  });

  it('without a terminal and without --answers, fails at once naming --answers (exit 2, no model call)', async () => {
    const root = createFixtureProject();
    const before = mock.requests.length;
    const run = await runCli(root, ['new-composition', 'db', 'a database'], mock.anthropicBaseUrl);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--answers');
    expect(mock.requests.length).toBe(before);
  });

  it('--through implement with the real gates ends blocked (exit 5), and status shows state and usage', async () => {
    const root = createFixtureProject();
    writeFileSync(join(root, 'answers.yaml'), 'q1: one\n');
    const run = await runCli(
      root,
      [
        'new-composition',
        'db',
        'a database',
        '--answers',
        'answers.yaml',
        '--through',
        'implement',
        '--env',
        'dev',
      ],
      mock.anthropicBaseUrl,
    );
    expect(run.code, run.stderr).toBe(5);
    expect(run.stdout).toMatch(/track db-\d{8}-\d{6}: blocked/);
    const status = await runCli(root, ['status', 'db'], mock.anthropicBaseUrl);
    expect(status.stdout).toContain('blocked');
    expect(status.stdout).toMatch(/usage: \d+ call\(s\), \d+ in \/ \d+ out tokens/);
    expect(status.stdout).toContain('History:');
  });
});

describe('quick-fix', () => {
  it('plans, shows the plan, implements and gates on an existing track, continuing its step numbers', async () => {
    const root = createFixtureProject();
    const script = {
      'solutions-engineer': solutionsEngineer(0),
      architect: reviewer('APPROVE', 'A'),
      'security-engineer': reviewer('APPROVE', 'S'),
      'iac-engineer': iacEngineer,
    };
    const { deps } = fakeDeps(root, { script });
    const { startRelay } = await import('../../src/pipeline/operations.js');
    const first = await startRelay(
      deps,
      { name: 'db', tool: 'crossplane', request: 'a db' },
      { maxQuestions: 0, maxRevisions: 0 },
      'implement',
    );
    expect(first.state).toBe('done');
    const shown: string[] = [];
    const fixed = await quickFix(
      deps,
      { change: 'add backups', track: 'db', name: 'unused', tool: 'crossplane' },
      async (plan) => {
        shown.push(plan.tasks);
        return true;
      },
    );
    expect(fixed.state).toBe('done');
    expect(shown[0]).toContain('T1');
    const numbers = gitSubjects(root)
      .slice(1)
      .flatMap((subject) => [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])));
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    const declined = await quickFix(
      deps,
      { change: 'rename', track: 'db', name: 'unused', tool: 'crossplane' },
      async () => false,
    );
    expect(declined.state).toBe('planned');
  });
});

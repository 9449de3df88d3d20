import { describe, expect, it } from 'vitest';
import { openRepo } from '../../src/git/repo.js';
import { COMMAND_EVENTS, continueRelay, startRelay } from '../../src/pipeline/operations.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject, gitSubjects } from './fixture-project.js';
import { approvingRelay } from './scripts.js';

const script = approvingRelay(1);

const numbers = (root: string) =>
  gitSubjects(root).flatMap((subject) =>
    [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])),
  );

describe('steps written but not committed', () => {
  it('are committed once on the next run, never lost and never twice', async () => {
    const root = createFixtureProject();
    const real = openRepo(root);
    // The first run "crashes" before every commit: files and state.json are written, git has nothing.
    const { deps } = fakeDeps(root, { script, repo: { ...real, commitPaths: async () => undefined } });
    const started = await startRelay(
      deps,
      { name: 'db', tool: 'crossplane', request: 'a db' },
      { maxQuestions: 2, maxRevisions: 0 },
    );
    expect(started.state).toBe('spec-reviewed');
    expect(numbers(root)).toEqual([]);

    const next = fakeDeps(root, { script });
    const planned = await continueRelay(next.deps, 'db', [...COMMAND_EVENTS.plan]);
    expect(planned.state).toBe('planned');
    const committed = numbers(root);
    expect(committed).toEqual(committed.map((_, index) => index + 1));
    expect(committed.length).toBe(planned.context.steps.length);
    const recovery = gitSubjects(root).find((subject) => subject.includes('step 1 question'));
    expect(recovery).toMatch(
      /step 1 question by solutions-engineer; step 2 spec by solutions-engineer; step 3 review-/,
    );
  });
});

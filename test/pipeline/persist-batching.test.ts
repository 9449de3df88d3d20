import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openRepo, type Repo } from '../../src/git/repo.js';
import { startRelay } from '../../src/pipeline/operations.js';
import { trackPath } from '../../src/tracks/naming.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject, gitSubjects } from './fixture-project.js';
import { approvingRelay, sleep } from './scripts.js';

const script = approvingRelay(1);

/** A real repository whose commits take a while, as on a slow disk, counting those in flight. */
function slowRepo(root: string) {
  const real = openRepo(root);
  const watch = { inFlight: 0, started: 0 };
  const repo: Repo = {
    ...real,
    commitPaths: async (paths, message, options) => {
      watch.inFlight += 1;
      watch.started += 1;
      try {
        await sleep(150);
        return await real.commitPaths(paths, message, options);
      } finally {
        watch.inFlight -= 1;
      }
    },
  };
  return { repo, watch };
}

describe('steps that end while a commit is in flight', () => {
  it('are still committed one per step, in order; the state after them is written once, so the next call does not wait for the second commit', async () => {
    const root = createFixtureProject();
    const slow = slowRepo(root);
    const built = fakeDeps(root, { script, repo: slow.repo });
    const modelFor = built.deps.modelFor;
    // Whether a step commit was in flight at some time during the plan's call (which takes 100 ms).
    let commitDuringPlanCall: boolean | undefined;
    built.deps.modelFor = (persona) => {
      const client = modelFor(persona);
      return {
        ...client,
        generate: async (request) => {
          if (request.output?.name !== 'plan' || commitDuringPlanCall !== undefined)
            return client.generate(request);
          const before = { ...slow.watch };
          await sleep(100);
          commitDuringPlanCall =
            before.inFlight > 0 || slow.watch.started > before.started || slow.watch.inFlight > 0;
          return client.generate(request);
        },
      };
    };
    const outcome = await startRelay(
      built.deps,
      { name: 'db', tool: 'crossplane', request: 'a db' },
      { maxQuestions: 1, maxRevisions: 0 },
      'plan',
    );
    expect(outcome.state).toBe('planned');
    const subjects = gitSubjects(root).filter((subject) => subject.startsWith(`infrakit(${outcome.track})`));
    const committed = subjects.map((subject) =>
      [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])),
    );
    // The two reviews end together (instant fake calls) while a commit is in flight: still two commits.
    expect(committed).toEqual(outcome.context.steps.map((step) => [step.number]));
    // The planning state came while the last review's snapshot waited: it was written in its place,
    // so the plan's call waited for the first review's commit only and ran beside the second's.
    expect(commitDuringPlanCall).toBe(true);
    const committedState = JSON.parse(
      execFileSync('git', ['show', `HEAD:${trackPath(outcome.track, 'state.json')}`], {
        cwd: root,
        encoding: 'utf8',
      }),
    ) as { snapshot: { value: unknown; context: { steps: unknown[] } } };
    expect(committedState.snapshot.context.steps).toHaveLength(outcome.context.steps.length);
    const trackStatus = execFileSync('git', ['status', '--porcelain', '--', trackPath(outcome.track)], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(trackStatus).toBe('');
  });
});

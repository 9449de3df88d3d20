import { describe, expect, it } from 'vitest';
import { openRepo, type Repo } from '../../src/git/repo.js';
import { COMMAND_EVENTS, continueRelay, startRelay } from '../../src/pipeline/operations.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject, gitSubjects } from './fixture-project.js';
import { approvingRelay, sleep } from './scripts.js';

const script = approvingRelay(1);

/** How long each fake model call takes: long enough for a commit to start while it is in flight. */
const CALL_MS = 300;

/** A real repository noting each time a step commit and a model call are in flight together (seen from whichever starts second). */
function watchedRepo(root: string) {
  const real = openRepo(root);
  const seen = { commitsDuringCall: 0, commits: 0 };
  let callsInFlight = 0;
  let commitsInFlight = 0;
  const repo: Repo = {
    ...real,
    commitPaths: async (paths, message, options) => {
      if (callsInFlight > 0) seen.commitsDuringCall += 1;
      commitsInFlight += 1;
      try {
        return await real.commitPaths(paths, message, options);
      } finally {
        commitsInFlight -= 1;
        seen.commits += 1;
      }
    },
  };
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    if (commitsInFlight > 0) seen.commitsDuringCall += 1;
    callsInFlight += 1;
    try {
      await sleep(CALL_MS);
      return await work();
    } finally {
      callsInFlight -= 1;
    }
  };
  return { repo, seen, call };
}

describe("a step's commit and the next step's model call", () => {
  it('overlap, and every commit is made, in order, before the command returns', async () => {
    const root = createFixtureProject();
    const watched = watchedRepo(root);
    const built = fakeDeps(root, { script, repo: watched.repo });
    const modelFor = built.deps.modelFor;
    built.deps.modelFor = (persona) => {
      const client = modelFor(persona);
      return {
        ...client,
        generate: (request) => watched.call(() => client.generate(request)),
      };
    };
    const started = await startRelay(
      built.deps,
      { name: 'db', tool: 'crossplane', request: 'a db' },
      { maxQuestions: 2, maxRevisions: 0 },
    );
    expect(started.state).toBe('spec-reviewed');
    const planned = await continueRelay(built.deps, started.track, [...COMMAND_EVENTS.plan]);
    expect(planned.state).toBe('planned');
    const done = await continueRelay(built.deps, started.track, [...COMMAND_EVENTS.implement]);
    // With the commit on the critical path, a commit and a model call are never in flight together;
    // here the answer's commit overlaps the spec's call, and the spec's commit the reviews' calls.
    expect(watched.seen.commitsDuringCall).toBeGreaterThanOrEqual(2);
    // Every step is committed, in order, once, before each command returned.
    const numbers = gitSubjects(root).flatMap((subject) =>
      [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])),
    );
    expect(numbers).toEqual(done.context.steps.map((step) => step.number));
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  });
});

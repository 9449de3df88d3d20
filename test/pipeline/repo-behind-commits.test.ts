import { describe, expect, it } from 'vitest';
import type { Repo } from '../../src/git/repo.js';
import { repoBehindCommits } from '../../src/pipeline/repo-behind-commits.js';

/** A Repo recording which of its methods ran. */
function recordingRepo(calls: string[]): Repo {
  const note =
    <T>(name: string, value: T) =>
    async () => {
      calls.push(name);
      return value;
    };
  return {
    root: '/project',
    isRepo: note('isRepo', true),
    init: note('init', undefined),
    commitPaths: note('commitPaths', 'abc'),
    commitProblem: note('commitProblem', undefined),
    readCommitted: note('readCommitted', 'text'),
    log: note('log', []),
  };
}

describe('repoBehindCommits', () => {
  it('runs no git call of a step before the commits queued ahead of it are made', async () => {
    const calls: string[] = [];
    let finishCommits = () => {};
    const commits = new Promise<void>((resolve) => (finishCommits = resolve));
    const repo = repoBehindCommits(recordingRepo(calls), () => commits);
    const pending = Promise.all([
      repo.isRepo(),
      repo.init(),
      repo.commitPaths(['a'], 'm'),
      repo.commitProblem(['a']),
      repo.readCommitted('a'),
      repo.log(5),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([]);
    calls.push('commits made');
    finishCommits();
    expect(await pending).toEqual([true, undefined, 'abc', undefined, 'text', []]);
    expect(calls).toEqual([
      'commits made',
      'isRepo',
      'init',
      'commitPaths',
      'commitProblem',
      'readCommitted',
      'log',
    ]);
    expect(repo.root).toBe('/project');
  });

  it('asks for the queued commits at each call, not once', async () => {
    const calls: string[] = [];
    let asked = 0;
    const repo = repoBehindCommits(recordingRepo(calls), async () => void (asked += 1));
    await repo.log();
    await repo.commitProblem(['a']);
    expect(asked).toBe(2);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../../src/git/repo.js';
import { committedSteps, stepCommitMessage } from '../../src/tracks/git-steps.js';
import { checkName, nameOfTrack, trackId } from '../../src/tracks/naming.js';
import { readStateFile } from '../../src/tracks/state-file.js';
import { findTrack } from '../../src/tracks/store.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';

describe('track naming', () => {
  it('is <name>-<YYYYMMDD-HHMMSS> in UTC and refuses bad names', () => {
    expect(trackId('cassandra-keyspace', new Date(Date.UTC(2026, 10, 5, 7, 8, 9)))).toBe(
      'cassandra-keyspace-20261105-070809',
    );
    expect(nameOfTrack('cassandra-keyspace-20261105-070809')).toBe('cassandra-keyspace');
    expect(() => checkName('Bad Name')).toThrow('invalid name "Bad Name"');
  });
});

describe('step commits', () => {
  it('parses every step of a batched commit back from git, for this track only', async () => {
    const root = createFixtureProject();
    const repo = openRepo(root);
    writeFileSync(join(root, 'a.txt'), 'a');
    await repo.commitPaths(
      ['a.txt'],
      stepCommitMessage('t-1', [{ number: 1, name: 'spec', persona: 'solutions-engineer' }]),
    );
    writeFileSync(join(root, 'b.txt'), 'b');
    await repo.commitPaths(
      ['b.txt'],
      stepCommitMessage('t-1', [
        { number: 2, name: 'gate', persona: 'gate' },
        { number: 3, name: 'blocked', persona: 'relay' },
      ]),
    );
    writeFileSync(join(root, 'c.txt'), 'c');
    await repo.commitPaths(['c.txt'], stepCommitMessage('t-10', [{ number: 9, name: 'spec', persona: 'x' }]));
    expect([...(await committedSteps(repo, 't-1'))].sort()).toEqual([1, 2, 3]);
  });
});

describe('state.json', () => {
  it('refuses a foreign version, a corrupt file and a missing field, naming the file', async () => {
    const root = createFixtureProject();
    const directory = join(root, '.infrakit/tracks/t-20260101-000000');
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'state.json'), '{"version": 99}');
    await expect(readStateFile(root, 't-20260101-000000')).rejects.toThrow(
      'state.json: version 99 is not supported',
    );
    writeFileSync(join(directory, 'state.json'), '{not json');
    await expect(readStateFile(root, 't-20260101-000000')).rejects.toThrow('state.json: not valid JSON');
    writeFileSync(
      join(directory, 'state.json'),
      '{"version": 1, "meta": {}, "updatedAt": "x", "snapshot": {}}',
    );
    await expect(readStateFile(root, 't-20260101-000000')).rejects.toThrow(
      /state.json is invalid:[\s\S]*meta.track/,
    );
    expect(await findTrack(root, 't')).toBe('t-20260101-000000');
    await expect(findTrack(root, 'nope')).rejects.toThrow('no track named "nope"');
  });
});

// Moved from test/pipeline/ to the reliability suite: it SIGKILLs the real CLI at every model call
// (a crash-consistency test, like R2), which is slow by nature; CI runs it with the reliability suite.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import type { MockRule } from '../support/mock-model-types.js';
import { cliMissing, runCli } from '../pipeline/cli-runner.js';
import { createFixtureProject, gitSubjects } from '../pipeline/fixture-project.js';
import { relayMockScript } from '../pipeline/mock-script.js';

if (cliMissing) console.warn(`skipped: ${cliMissing}`);

let mock: MockModelServer;
let killAt = 0;
let seen = 0;
let current: ChildProcess | undefined;

/** Wraps each rule: the request numbered `killAt` SIGKILLs the CLI and never gets an answer. */
function killingScript(): MockRule[] {
  return relayMockScript({ questions: 2 }).map((rule) => ({
    ...rule,
    reply: (request, index) => {
      seen += 1;
      if (seen === killAt) {
        current?.kill('SIGKILL');
        return { fault: 'hang' as const };
      }
      return typeof rule.reply === 'function' ? rule.reply(request, index) : rule.reply;
    },
  }));
}

function trackOf(root: string): string {
  return readdirSync(join(root, '.infrakit/tracks'))[0];
}

function stepNumbers(root: string, track: string): number[] {
  return gitSubjects(root)
    .filter((subject) => subject.startsWith(`infrakit(${track}): step`))
    .flatMap((subject) => [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])));
}

async function fullRun(kill: number) {
  killAt = kill;
  seen = 0;
  mock.script(killingScript());
  const root = createFixtureProject();
  writeFileSync(join(root, 'answers.yaml'), '- one\n- two\n');
  const args = [
    'new-composition',
    'keyspace',
    'a keyspace',
    '--answers',
    'answers.yaml',
    '--through',
    'implement',
  ];
  const first = await runCli(root, args, mock.anthropicBaseUrl, (child) => (current = child));
  let last = first;
  if (first.signal === 'SIGKILL')
    last = await runCli(root, ['implement', 'keyspace', '--answers', 'answers.yaml'], mock.anthropicBaseUrl);
  return { root, first, last, requests: seen };
}

describe.skipIf(Boolean(cliMissing))('kill the CLI during any model call, then continue', () => {
  beforeAll(async () => {
    mock = await startMockModelServer({ script: [] });
  });
  afterAll(async () => mock.close());

  it('loses no artifact, duplicates none and commits no step twice', async () => {
    const reference = await fullRun(0);
    expect(reference.first.signal).toBeNull();
    expect([0, 5]).toContain(reference.first.code);
    const referenceTrack = trackOf(reference.root);
    const referenceSteps = stepNumbers(reference.root, referenceTrack);
    expect(referenceSteps).toEqual(referenceSteps.map((_, index) => index + 1));
    const referenceFiles = readdirSync(join(reference.root, '.infrakit/tracks', referenceTrack))
      .filter((file) => file !== '.lock')
      .sort();

    for (let kill = 2; kill <= reference.requests; kill += 1) {
      const run = await fullRun(kill);
      expect(run.first.signal, `kill at request ${kill}`).toBe('SIGKILL');
      expect(run.last.code, `${kill}: ${run.last.stderr}`).toBe(reference.first.code);
      const track = trackOf(run.root);
      const steps = stepNumbers(run.root, track);
      expect(steps, `kill at request ${kill}`).toEqual(steps.map((_, index) => index + 1));
      expect(
        readdirSync(join(run.root, '.infrakit/tracks', track))
          .filter((file) => file !== '.lock')
          .sort(),
      ).toEqual(referenceFiles);
      const qa = readFileSync(join(run.root, '.infrakit/tracks', track, 'qa.md'), 'utf8');
      expect(qa.match(/^## Q1 /gm)).toHaveLength(1);
      expect(
        qa.match(/^## Q2 /gm),
        `kill at ${kill}:\n${qa}\n${gitSubjects(run.root).join('\n')}\n${run.last.stderr}`,
      ).toHaveLength(1);
      expect(readFileSync(join(run.root, 'compositions/keyspace/examples/xr.yaml'), 'utf8')).toBe(
        'kind: XKeyspace\n',
      );
    }
  }, 300_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { copySandbox, runStage, sandboxThrough } from './support/checkpoints.js';
import { cliMissing, describeRun, pool } from './support/cli.js';
import { readState, trackOf } from './support/flow.js';
import { scriptWith } from './support/model-script.js';
import { git, type Sandbox } from './support/project.js';

const RACES = 20;
const counts = { races: 0, exactlyOne: 0, staleCases: 0, staleOk: 0 };
const failures: string[] = [];

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const planCommits = (sandbox: Sandbox) =>
  git(sandbox.root, ['log', '--format=%s'])
    .split('\n')
    .filter((subject) => / plan by /.test(subject)).length;

describe.skipIf(cliMissing)('R5: two processes on one track', () => {
  let reviewed: Sandbox;
  let mock: MockModelServer;

  beforeAll(async () => {
    mock = await startMockModelServer({ script: scriptWith([]) });
    reviewed = await sandboxThrough(['new'], mock.url);
    // From here on every answer takes a while, so the winner still holds the lock when the loser asks.
    await mock.close();
    mock = await startMockModelServer({ script: scriptWith([]), latencyMs: 700 });
  });

  afterAll(async () => {
    await mock?.close();
    console.log(
      `R5 concurrency: ${counts.exactlyOne}/${counts.races} races had exactly one lock holder and one clear "in use by pid N" refusal; ${counts.staleOk}/${counts.staleCases} stale or broken locks taken over safely`,
    );
    if (failures.length) console.log(`R5 failures:\n${failures.join('\n')}`);
  });

  it(`lets exactly one of two simultaneous "plan" runs in, ${RACES} times`, async () => {
    const before = failures.length;
    await pool(
      Array.from({ length: RACES }, (_, index) => async () => {
        const sandbox = copySandbox(reviewed);
        const [first, second] = await Promise.all([
          runStage('plan', sandbox, mock.url),
          runStage('plan', sandbox, mock.url),
        ]);
        counts.races += 1;
        const winners = [first, second].filter((run) => run.code === 0);
        const losers = [first, second].filter((run) => run.code !== 0);
        const track = trackOf(sandbox);
        const problems: string[] = [];
        if (winners.length !== 1 || losers.length !== 1) problems.push(`${winners.length} winner(s)`);
        else {
          const match = /track (\S+) is in use by pid (\d+)/.exec(losers[0].stderr);
          if (!match) problems.push('the loser did not say "track … is in use by pid N"');
          else if (match[1] !== track || Number(match[2]) !== winners[0].pid)
            problems.push(`named ${match[1]} / pid ${match[2]}, expected ${track} / pid ${winners[0].pid}`);
          if (losers[0].code !== 5) problems.push(`the loser exited ${losers[0].code}, expected 5 (blocked)`);
        }
        if (readState(sandbox).value !== 'planned')
          problems.push(`the track is ${JSON.stringify(readState(sandbox).value)}`);
        if (planCommits(sandbox) !== 1) problems.push(`${planCommits(sandbox)} plan commits`);
        if (existsSync(join(sandbox.root, '.infrakit', 'tracks', track ?? '', '.lock')))
          problems.push('the lock was left behind');
        if (problems.length)
          failures.push(
            `race ${index + 1}: ${problems.join('; ')}\n${describeRun(first)}\n${describeRun(second)}`,
          );
        else counts.exactlyOne += 1;
      }),
      2,
    );
    expect(failures.slice(before).join('\n\n')).toBe('');
  });

  it('takes over a lock left by a dead process or left unreadable, and refuses one held by a live process', async () => {
    const cases: Array<{ name: string; lock: () => string; expectTakeover: boolean }> = [
      {
        name: 'dead pid',
        lock: () => JSON.stringify({ pid: deadPid(), since: '2026-01-01T00:00:00.000Z' }),
        expectTakeover: true,
      },
      { name: 'truncated lock file', lock: () => '{"pid": 12', expectTakeover: true },
      { name: 'empty lock file', lock: () => '', expectTakeover: true },
      {
        name: 'live pid (this test runner)',
        lock: () => JSON.stringify({ pid: process.pid, since: '2026-01-01T00:00:00.000Z' }),
        expectTakeover: false,
      },
    ];
    const before = failures.length;
    for (const lockCase of cases) {
      counts.staleCases += 1;
      const sandbox = copySandbox(reviewed);
      const track = trackOf(sandbox) ?? '';
      const lockPath = join(sandbox.root, '.infrakit', 'tracks', track, '.lock');
      writeFileSync(lockPath, lockCase.lock());
      const run = await runStage('plan', sandbox, mock.url);
      const state = readState(sandbox).value;
      const ok = lockCase.expectTakeover
        ? run.code === 0 && state === 'planned' && !existsSync(lockPath) && planCommits(sandbox) === 1
        : run.code === 5 &&
          run.stderr.includes(`is in use by pid ${process.pid}`) &&
          state === 'spec-reviewed' &&
          existsSync(lockPath) &&
          planCommits(sandbox) === 0;
      if (ok) counts.staleOk += 1;
      else failures.push(`${lockCase.name}: ${describeRun(run)} state ${JSON.stringify(state)}`);
    }
    expect(failures.slice(before).join('\n\n')).toBe('');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureProject } from '../../pipeline/fixture-project.js';
import { KEY, REPO, homeIn, ptySkipReason, usePtySession } from './terminal.js';

const RECORDING = join(REPO, 'replays', 'cassandra-keyspace.replay.json');

if (ptySkipReason) console.warn(`skipping the pseudo-terminal relay tests: ${ptySkipReason}`);

const session = usePtySession();

/** The shipped recording, its first two questions turned into choices (the second answered with "Other"). */
function recordingWithChoices(root: string): string {
  const recording = JSON.parse(readFileSync(RECORDING, 'utf8')) as {
    exchanges: Array<{
      persona: string;
      response: { text: string; data?: { question?: { options: string[] } } };
    }>;
  };
  const [first, second] = recording.exchanges.filter((exchange) => exchange.persona === 'solutions-engineer');
  const choices = [
    ['Order events, read latest first', 'Session state, read by key'],
    ['dev only', 'dev and prod', 'dev, staging and prod'],
  ];
  [first, second].forEach((exchange, index) => {
    exchange.response.data!.question!.options = choices[index];
    exchange.response.text = JSON.stringify(exchange.response.data);
  });
  const file = join(root, 'choices.replay.json');
  writeFileSync(file, JSON.stringify(recording, null, 2));
  return file;
}

const environment = (root: string): NodeJS.ProcessEnv => homeIn(root);

describe.skipIf(ptySkipReason !== undefined)('relay questions in a real terminal', () => {
  it('picks a choice with the arrows, types an "Other" answer, and Ctrl-C at the third question exits 130 keeping both', async () => {
    const root = createFixtureProject();
    session.keep(root);
    const terminal = session.open(
      ['new-composition', 'keyspace', 'A', 'Cassandra', 'keyspace.', '--replay', recordingWithChoices(root)],
      { cwd: root, env: environment(root) },
    );

    await terminal.waitFor('Q1. What will the keyspace store, and how is it read?');
    await terminal.waitFor('Other (type your own answer)');
    terminal.press(KEY.down, KEY.enter);
    await terminal.waitFor(
      /Q1\. What will the keyspace store, and how is it read\? Session state, read by key/,
    );

    await terminal.waitFor('Q2. Which environments do you need?');
    await terminal.waitFor('Other (type your own answer)');
    // Up from the first choice wraps round to "Other".
    terminal.press(KEY.up, KEY.enter);
    await terminal.waitFor('Your answer:');
    terminal.press('dev and prod, staging next quarter', KEY.enter);
    await terminal.waitFor('Your answer: dev and prod, staging next quarter');

    await terminal.waitFor('Q3. Do you know your traffic, or should capacity follow demand?');
    terminal.press('spiky ar');
    await terminal.waitFor('spiky ar');
    terminal.press(KEY.ctrlC);

    expect(await terminal.exited).toBe(130);
    await terminal.waitFor(/interrupted: track keyspace-\d{8}-\d{6} stopped by Ctrl-C\n/);
    const screen = terminal.screen();
    const resume = /resume: (infrakit resume (keyspace-\d{8}-\d{6}))/.exec(screen);
    expect(resume, screen).not.toBeNull();
    expect(screen).toContain('kept: every finished step of the track');
    const qa = readFileSync(join(root, '.infrakit', 'tracks', resume![2], 'qa.md'), 'utf8');
    expect(qa).toContain('Session state, read by key');
    expect(qa).toContain('dev and prod, staging next quarter');
    expect(qa).not.toContain('spiky ar');
    expect(screen).not.toContain('internal error');
    if (process.env.PTY_DEBUG) console.log(screen);
  }, 180_000);
});

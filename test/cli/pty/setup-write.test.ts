import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETUP_PROGRESS_FILE } from '../../../src/setup/setup-progress.js';
import { createFixtureProject, gitSubjects } from '../../pipeline/fixture-project.js';
import { KEY, homeIn, ptySkipReason, usePtySession, type Terminal } from './terminal.js';

if (ptySkipReason) console.warn(`skipping the pseudo-terminal setup write tests: ${ptySkipReason}`);

const BACKSPACE = '\u007f';
const session = usePtySession();
const CONFIRM = 'Write these changes?';

/** Answers every question with its default (Enter), but the region, until the write prompt shows. */
async function answerUntilConfirm(terminal: Terminal): Promise<void> {
  await terminal.waitFor('Default region');
  terminal.press(...Array.from({ length: 20 }, () => BACKSPACE), 'eu-central-1', KEY.enter);
  for (let round = 0; round < 60 && !terminal.screen().includes(CONFIRM); round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (!terminal.screen().includes(CONFIRM)) terminal.press(KEY.enter);
  }
  await terminal.waitFor(CONFIRM, 30_000);
}

describe.skipIf(ptySkipReason !== undefined)('setup\'s "Write these changes?" in a real terminal', () => {
  it('shows the diff; "no" writes nothing and keeps the answers; "yes" on the next run writes', async () => {
    const root = session.keep(createFixtureProject());
    const contextFile = join(root, '.infrakit', 'context.md');
    const before = readFileSync(contextFile, 'utf8');
    const commits = gitSubjects(root).length;

    const first = session.open(['setup'], { cwd: root, env: homeIn(root) });
    await first.waitFor('Cloud provider');
    first.press(KEY.enter);
    await answerUntilConfirm(first);
    // The diff is on the screen before the question.
    const diff = first.screen().slice(0, first.screen().lastIndexOf(CONFIRM));
    expect(diff).toContain('.infrakit/context.md');
    expect(diff).toMatch(/\+region: eu-central-1/);
    first.press('n', KEY.enter);
    expect(await first.exited).toBe(0);
    await first.waitFor(
      /Nothing written\. Your \d+ answer\(s\) are kept in \.infrakit\/setup-progress\.json/,
    );
    if (process.env.PTY_DEBUG) console.log(first.screen());
    expect(readFileSync(contextFile, 'utf8')).toBe(before);
    expect(gitSubjects(root)).toHaveLength(commits);
    const kept = JSON.parse(readFileSync(join(root, SETUP_PROGRESS_FILE), 'utf8')) as {
      answers: Array<{ id: string; value: unknown }>;
    };
    expect(kept.answers.map((answer) => answer.value)).toContain('eu-central-1');

    const again = session.open(['setup'], { cwd: root, env: homeIn(root) });
    await again.waitFor(`Starting from the ${kept.answers.length} answer(s) kept`);
    await again.waitFor(CONFIRM);
    expect(again.screen()).not.toContain('Default region');
    expect(again.screen()).toMatch(/\+region: eu-central-1/);
    again.press('y', KEY.enter);
    expect(await again.exited).toBe(0);
    if (process.env.PTY_DEBUG) console.log(again.screen());
    expect(readFileSync(contextFile, 'utf8')).toMatch(/^region: eu-central-1$/m);
    expect(existsSync(join(root, SETUP_PROGRESS_FILE))).toBe(false);
    expect(gitSubjects(root).length).toBe(commits + 1);
  }, 240_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETUP_PROGRESS_FILE } from '../../../src/setup/setup-progress.js';
import { createFixtureProject } from '../../pipeline/fixture-project.js';
import { KEY, homeIn, ptySkipReason, usePtySession, type Terminal } from './terminal.js';

if (ptySkipReason) console.warn(`skipping the pseudo-terminal setup tests: ${ptySkipReason}`);

const BACKSPACE = '\u007f';
const session = usePtySession();

const environment = (root: string): NodeJS.ProcessEnv => homeIn(root);

function setup(root: string): Terminal {
  const terminal = session.open(['setup'], { cwd: root, env: environment(root) });
  return terminal;
}

describe.skipIf(ptySkipReason !== undefined)('the setup interview in a real terminal', () => {
  it('refuses a region that does not exist, and Ctrl-C keeps the answers given for the next run', async () => {
    const root = createFixtureProject();
    session.keep(root);
    const contextBefore = readFileSync(join(root, '.infrakit', 'context.md'), 'utf8');

    const first = setup(root);
    await first.waitFor('Cloud provider');
    await first.waitFor('AWS');
    first.press(KEY.enter);
    await first.waitFor('Default region');
    first.press('eu-west-9', KEY.enter);
    await first.waitFor('eu-west-9');
    await first.waitFor('eu-west-9 is not an AWS region; did you mean eu-west-1?');
    first.press(...Array.from({ length: 9 }, () => BACKSPACE), 'eu-west-1', KEY.enter);
    await first.waitFor('Naming pattern for resources');
    first.press(KEY.ctrlC);
    expect(await first.exited).toBe(130);
    await first.waitFor('interrupted: infrakit setup stopped before writing anything');
    await first.waitFor('kept: your 2 answer(s)');
    await first.waitFor('resume: infrakit setup');
    if (process.env.PTY_DEBUG) console.log(first.screen());
    const saved = JSON.parse(readFileSync(join(root, SETUP_PROGRESS_FILE), 'utf8')) as {
      answers: Array<{ value: unknown }>;
    };
    expect(saved.answers.map((answer) => answer.value)).toEqual(['aws', 'eu-west-1']);
    expect(readFileSync(join(root, '.infrakit', 'context.md'), 'utf8')).toBe(contextBefore);

    const again = setup(root);
    await again.waitFor('Starting from the 2 answer(s) kept');
    await again.waitFor('Naming pattern for resources');
    again.press(KEY.ctrlC);
    expect(await again.exited).toBe(130);
    await again.waitFor('kept: your 2 answer(s)');
    if (process.env.PTY_DEBUG) console.log(again.screen());
    // The answered questions were not asked again.
    expect(again.screen()).not.toContain('Cloud provider');
    expect(again.screen()).not.toContain('Default region');
  }, 180_000);
});

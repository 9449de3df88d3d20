import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureProject } from '../../pipeline/fixture-project.js';
import { runCli } from '../run-cli.js';
import { closeSlowServers, slowAnthropic } from './slow-model-server.js';
import { KEY, REPO, homeIn, ptySkipReason, usePtySession } from './terminal.js';

if (ptySkipReason) console.warn(`skipping the pseudo-terminal model-call tests: ${ptySkipReason}`);

const session = usePtySession(closeSlowServers);

const EXAMPLE = join(REPO, 'examples', 'cloudformation', 's3-secure-bucket');

const RECORDING = join(REPO, 'replays', 'cassandra-keyspace.replay.json');

const gitHead = (root: string): string =>
  execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();

describe.skipIf(ptySkipReason !== undefined)('a model call in a real terminal', () => {
  it('shows who is working, the time and the tokens so far; Ctrl-C stops the call and exits 130 with the resume command', async () => {
    const root = createFixtureProject();
    session.keep(root);
    const model = await slowAnthropic();
    const terminal = session.open(
      [
        'new-composition',
        'keyspace',
        'A',
        'keyspace.',
        '--provider',
        'anthropic',
        '--base-url',
        model.url,
        '--max-questions',
        '0',
      ],
      {
        cwd: root,
        env: homeIn(root, { ANTHROPIC_API_KEY: 'sk-ant-pty-test-not-a-real-key' }),
      },
    );

    // The line is redrawn in place: the elapsed time moves on and the estimate grows while it streams.
    await terminal.waitFor(/Cloud Solutions Engineer is working · \d\.\ds · ~\d+ tokens/);
    await terminal.waitFor(/Cloud Solutions Engineer is working · [1-9]\.\ds · ~\d+ tokens/);
    terminal.press(KEY.ctrlC);

    expect(await terminal.exited).toBe(130);
    await model.disconnected;
    const screen = terminal.screen();
    expect(screen).toMatch(/✗ Cloud Solutions Engineer · interrupted after \d+\.\ds/);
    expect(screen).toMatch(/interrupted: track keyspace-\d{8}-\d{6} stopped by Ctrl-C\n/);
    expect(screen).toMatch(/resume: infrakit resume keyspace-\d{8}-\d{6}/);
    expect(screen).not.toContain('internal error');
    expect(screen).not.toMatch(/^error:/m);
    if (process.env.PTY_DEBUG) console.log(screen);
  }, 180_000);

  it('review --with-model asks two reviewers at once: two live lines; Ctrl-C exits 130 and repeats the command', async () => {
    const root = mkdtempSync(join(tmpdir(), 'infrakit-pty-review-'));
    session.keep(root);
    cpSync(EXAMPLE, root, { recursive: true });
    const model = await slowAnthropic();
    const terminal = session.open(['review', 'templates', '--with-model'], {
      cwd: root,
      env: homeIn(root, {
        INFRAKIT_PROVIDER: 'anthropic',
        INFRAKIT_BASE_URL: model.url,
        ANTHROPIC_API_KEY: 'sk-ant-pty-test-not-a-real-key',
      }),
    });
    // One redraw holds both lines, each with its own clock and token estimate.
    await terminal.waitFor(
      /Cloud Architect is working · [1-9]\.\ds · ~\d+ tokens\n. Cloud Security Engineer is working · [1-9]\.\ds · ~\d+ tokens\n/,
    );
    terminal.press(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    await terminal.waitFor('interrupted: the command stopped before it finished');
    await terminal.waitFor('resume: infrakit review templates --with-model');
    expect(terminal.screen()).not.toContain('internal error');
    if (process.env.PTY_DEBUG) console.log(terminal.screen());
  }, 180_000);

  it('architect-review: Ctrl-C during the call exits 130, commits nothing, frees the track and names the command again', async () => {
    const root = createFixtureProject();
    const scratch = mkdtempSync(join(tmpdir(), 'infrakit-pty-answers-'));
    session.keep(root);
    session.keep(scratch);
    const answers = join(scratch, 'answers.yaml');
    const recorded = JSON.parse(readFileSync(RECORDING, 'utf8')) as { answers: Array<{ answer: string }> };
    writeFileSync(answers, recorded.answers.map(({ answer }) => `- ${JSON.stringify(answer)}\n`).join(''));
    const environment = homeIn(root);
    const spec = await runCli(
      ['new-composition', 'keyspace', 'A keyspace.', '--replay', RECORDING, '--answers', answers, '--json'],
      { cwd: root, env: { ...environment, CI: 'true' } },
    );
    expect(spec.exitCode, spec.stderr).toBe(0);
    const track = (JSON.parse(spec.stdout) as { track: string }).track;
    const head = () => readFileSync(join(root, '.git', 'HEAD'), 'utf8') + gitHead(root);

    const before = head();
    const model = await slowAnthropic();
    const terminal = session.open(
      ['architect-review', track, '--provider', 'anthropic', '--base-url', model.url],
      { cwd: root, env: { ...environment, ANTHROPIC_API_KEY: 'sk-ant-pty-test-not-a-real-key' } },
    );
    await terminal.waitFor(/Cloud Architect is working · \d+\.\ds · ~\d+ tokens/);
    terminal.press(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    await terminal.waitFor(`interrupted: the architect review of ${track} stopped by Ctrl-C`);
    await terminal.waitFor('kept: the track as it was');
    await terminal.waitFor(`resume: infrakit architect-review ${track}`);
    expect(head()).toBe(before);
    expect(existsSync(join(root, '.infrakit', 'tracks', track, '.lock'))).toBe(false);
    // The track is free: the next command on it is not refused as "in use".
    const status = await runCli(['status', track], { cwd: root, env: { ...environment, CI: 'true' } });
    expect(status.stderr).not.toContain('in use');
  }, 180_000);
});

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { closeSlowServers, slowAnthropic } from './slow-model-server.js';
import { KEY, REPO, homeIn, ptySkipReason, usePtySession } from './terminal.js';

const EXAMPLE_TEMPLATE = join(
  REPO,
  'examples/cloudformation/s3-secure-bucket/templates/s3-secure-bucket.yaml',
);
const RECORDING = join(REPO, 'replays', 's3-secure-bucket-cloudformation.replay.json');

if (ptySkipReason) console.warn(`skipping the pseudo-terminal validator tests: ${ptySkipReason}`);

const session = usePtySession(closeSlowServers);

/** A fake cfn-lint in its own folder: answers --version, then either hangs (a long lint) or passes. */
function fakeCfnLint(scratch: string, behaviour: 'hangs' | 'passes'): string {
  const folder = join(scratch, `cfn-lint-${behaviour}`);
  mkdirSync(folder);
  const file = join(folder, 'cfn-lint');
  writeFileSync(
    file,
    `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "cfn-lint 1.51.0"; exit 0; fi\n${behaviour === 'hangs' ? 'sleep 120\n' : 'exit 0\n'}`,
  );
  chmodSync(file, 0o755);
  return folder;
}

/** A new CloudFormation project made by `infrakit init`, in a scratch folder that is its user's home. */
async function cloudFormationProject(prefix: string) {
  const scratch = session.keep(mkdtempSync(join(tmpdir(), prefix)));
  const base = homeIn(scratch);
  const init = await runCli(['init', 'project', '--iac', 'cloudformation'], {
    cwd: scratch,
    env: { ...base, CI: 'true' },
  });
  expect(init.exitCode, init.stderr).toBe(0);
  return { scratch, base, root: join(scratch, 'project') };
}

const lastCommit = (root: string): string =>
  execFileSync('git', ['log', '-1', '--format=%s'], { cwd: root, encoding: 'utf8' }).trim();

describe.skipIf(ptySkipReason !== undefined)('a validator run in a real terminal', () => {
  it('Ctrl-C while cfn-lint runs: exit 130, no gate result recorded for the killed run, and resume finishes the track', async () => {
    const { scratch, base, root } = await cloudFormationProject('infrakit-pty-validator-');
    const recorded = JSON.parse(readFileSync(RECORDING, 'utf8')) as { answers: Array<{ answer: string }> };
    const answers = join(scratch, 'answers.yaml');
    writeFileSync(answers, recorded.answers.map(({ answer }) => `- ${JSON.stringify(answer)}\n`).join(''));

    const terminal = session.open(
      [
        'create-cloudformation-code',
        's3-secure-bucket',
        'A secure S3 bucket for my service.',
        '--replay',
        RECORDING,
        '--answers',
        answers,
        '--through',
        'implement',
      ],
      { cwd: root, env: { ...base, PATH: `${fakeCfnLint(scratch, 'hangs')}:${process.env.PATH}` } },
    );
    await terminal.waitFor('✓ IaC Engineer');
    await terminal.waitFor('running the validator gate...');
    terminal.press(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    await terminal.waitFor(/interrupted: track (s3-secure-bucket-\d{8}-\d{6}) stopped by Ctrl-C\n/);
    const track = /resume: infrakit resume (s3-secure-bucket-\d{8}-\d{6})/.exec(terminal.screen())?.[1];
    expect(track, terminal.screen()).toBeDefined();
    // The killed lint run is not a gate result: no report, no "validator failed", no gates after it.
    expect(terminal.screen()).not.toContain('running the verify gate...');
    expect(existsSync(join(root, '.infrakit', 'tracks', track!, 'gate-report.md'))).toBe(false);
    expect(lastCommit(root)).not.toMatch(/ gate by gate$/);

    const resumed = await runCli(['resume', track!, '--replay', RECORDING], {
      cwd: root,
      env: { ...base, PATH: `${fakeCfnLint(scratch, 'passes')}:${process.env.PATH}`, CI: 'true' },
    });
    expect(resumed.stdout + resumed.stderr).toContain(`track ${track}: done`);
    expect(resumed.exitCode).toBe(0);
  }, 240_000);

  it('Ctrl-C during an update track: exit 130, the code as it was, and the same command to run again', async () => {
    const { scratch, base, root } = await cloudFormationProject('infrakit-pty-update-');
    const template = join(root, 'templates', 'bucket', 'bucket.yaml');
    mkdirSync(join(root, 'templates', 'bucket'), { recursive: true });
    writeFileSync(template, readFileSync(EXAMPLE_TEMPLATE, 'utf8'));
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'bucket'], {
      cwd: root,
    });
    const before = readFileSync(template, 'utf8');
    const model = await slowAnthropic();
    const terminal = session.open(
      [
        'update-cloudformation-code',
        'templates/bucket',
        'add a team tag to the bucket',
        '--provider',
        'anthropic',
        '--base-url',
        model.url,
      ],
      {
        cwd: root,
        env: {
          ...base,
          PATH: `${fakeCfnLint(scratch, 'passes')}:${process.env.PATH}`,
          ANTHROPIC_API_KEY: 'sk-ant-pty-test-not-a-real-key',
        },
      },
    );
    await terminal.waitFor(/Cloud Solutions Engineer is working · \d+\.\ds · ~\d+ tokens/);
    terminal.press(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    await terminal.waitFor('interrupted: the update of templates/bucket stopped by Ctrl-C');
    await terminal.waitFor('kept: the update track so far');
    await terminal.waitFor(
      "resume: infrakit update-cloudformation-code templates/bucket 'add a team tag to the bucket'",
    );
    expect(terminal.screen()).not.toMatch(/^error:/m);
    expect(readFileSync(template, 'utf8')).toBe(before);
  }, 240_000);
});

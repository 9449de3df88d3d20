import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureProject } from '../pipeline/fixture-project.js';
import { cliBuilt, notBuiltReason, runCli } from './run-cli.js';

const RECORDING = resolve(import.meta.dirname, '..', '..', 'replays', 'cassandra-keyspace.replay.json');

if (!cliBuilt) console.warn(`skipping the CLI progress test: ${notBuiltReason}`);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!cliBuilt)('progress lines of the built CLI without a terminal', () => {
  it('--json: one plain line per model call on stderr, naming who worked; stdout is only the JSON', async () => {
    const root = createFixtureProject();
    folders.push(root);
    const recorded = JSON.parse(readFileSync(RECORDING, 'utf8')) as { answers: Array<{ answer: string }> };
    const answers = join(root, '.no-config-answers.yaml');
    writeFileSync(answers, recorded.answers.map(({ answer }) => `- ${JSON.stringify(answer)}\n`).join(''));
    const run = await runCli(
      ['new-composition', 'keyspace', 'A keyspace.', '--replay', RECORDING, '--answers', answers, '--json'],
      {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: root, XDG_CONFIG_HOME: join(root, '.no-config'), CI: 'true' },
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const { track } = JSON.parse(run.stdout) as { track: string };
    const calls = readFileSync(join(root, '.infrakit', 'tracks', track, 'ledger.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { persona: string }).persona);
    const lines = run.stderr.split('\n').filter((line) => /^[✓✗] /.test(line));
    expect(lines).toHaveLength(calls.length);
    expect(lines.filter((line) => line.startsWith('✓ Cloud Architect · '))).toHaveLength(
      calls.filter((persona) => persona === 'architect').length,
    );
    for (const line of lines)
      expect(line).toMatch(/^✓ .+ · \d+\.\ds · ~\d+(\.\d)?k? tokens out \(estimated\)$/);
    // Nothing is redrawn off a terminal: no carriage returns, no cursor moves.
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toContain('\u001b');
  });
});

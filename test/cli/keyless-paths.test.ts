import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { missingKeyError, resolveProviderSettings } from '../../providers/config.js';
import { checkProviderKeys } from '../../src/doctor/provider-keys.js';
import { ConfigError } from '../../src/errors/index.js';
import { makeStyle, type CliIO } from '../../src/cli/io.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';
import { cliBuilt, notBuiltReason, runCli } from './run-cli.js';

const RECORDING = resolve(import.meta.dirname, '..', '..', 'replays', 'cassandra-keyspace.replay.json');
const prompts = vi.hoisted(() => ({ input: vi.fn(async () => 'a keyspace') }));
vi.mock('@inquirer/prompts', () => ({ input: prompts.input, select: vi.fn() }));

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const project = (): string => {
  const root = createFixtureProject();
  folders.push(root);
  return root;
};

/** An environment with no key, no user config and no provider settings. */
const keyless = (root: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: root,
  CI: 'true',
  NO_COLOR: '1',
  XDG_CONFIG_HOME: join(root, '.no-config'),
});

describe('keyless hints that work when pasted', () => {
  it('the missing-key hint names a recording that exists and a local model with --model', () => {
    const hint = missingKeyError('anthropic').hint ?? '';
    expect(hint).toContain(`--replay ${RECORDING}`);
    expect(hint).toContain(
      '--provider openai-compatible --base-url http://localhost:11434/v1 --model llama3.1',
    );
  });

  it('INFRAKIT_REPLAY_FILE alone selects the replay provider (no key asked for)', async () => {
    const root = project();
    const resolved = await resolveProviderSettings({
      flags: {},
      env: { INFRAKIT_REPLAY_FILE: RECORDING, XDG_CONFIG_HOME: join(root, '.no-config') },
      projectDir: root,
    });
    expect(resolved.provider).toBe('replay');
    expect(resolved.replay?.file).toBe(RECORDING);
  });

  it('doctor does not call INFRAKIT_BASE_URL alone a working model, and its fix names the provider and model', () => {
    const check = checkProviderKeys({ INFRAKIT_BASE_URL: 'http://localhost:11434/v1' });
    expect(check.status).toBe('warn');
    expect(check.fix).toContain(
      'INFRAKIT_PROVIDER=openai-compatible INFRAKIT_BASE_URL=http://localhost:11434/v1 INFRAKIT_MODEL=llama3.1',
    );
  });
});

describe('the key is checked before the first question', () => {
  beforeEach(() => prompts.input.mockClear());

  it('a start command with no request and no key fails on the key without prompting', async () => {
    const root = project();
    const { runStartCommand } = await import('../../src/cli/relay-commands.js');
    const io: CliIO = {
      json: false,
      color: false,
      cwd: root,
      interactive: true,
      env: keyless(root),
      say: () => undefined,
      warn: () => undefined,
      result: () => undefined,
      style: makeStyle(false),
    };
    const error = await runStartCommand(io, 'crossplane', 'keyspace', [], {}).catch(
      (caught: unknown) => caught,
    );
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('ANTHROPIC_API_KEY is not set');
    expect(prompts.input).not.toHaveBeenCalled();
  });
});

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('--replay on the relay commands (built CLI)', () => {
  it('the shipped recording runs with default settings and no key: --replay <recording> ends spec-reviewed', async () => {
    const root = project();
    const recording = JSON.parse(readFileSync(RECORDING, 'utf8')) as {
      track: { request: string };
      answers: Array<{ key: string; answer: string }>;
    };
    writeFileSync(
      join(root, 'answers.yaml'),
      recording.answers.map((entry) => `- ${JSON.stringify(entry.answer)}`).join('\n') + '\n',
    );
    const run = await runCli(
      [
        'new-composition',
        'cassandra-keyspace',
        recording.track.request,
        '--replay',
        RECORDING,
        '--answers',
        'answers.yaml',
      ],
      { cwd: root, env: keyless(root) },
    );
    expect(run.stderr).not.toContain('API_KEY');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/track cassandra-keyspace-\d{8}-\d{6}: spec-reviewed/);
    expect(run.stdout).toContain('Spec: .infrakit/tracks/cassandra-keyspace-');
    expect(execFileSync('git', ['log', '--format=%s'], { cwd: root, encoding: 'utf8' })).toContain('spec');
  });
});

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeStyle, type CliIO } from '../../src/cli/io.js';
import { ExitCode, InterruptedError } from '../../src/errors/index.js';
import { SETUP_PROGRESS_FILE } from '../../src/setup/setup-progress.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';

const RECORDING = resolve(import.meta.dirname, '..', '..', 'replays', 'cassandra-keyspace.replay.json');

/** What @inquirer/prompts throws on Ctrl-C at a prompt. */
class ExitPromptError extends Error {
  override name = 'ExitPromptError';
}

const terminal = vi.hoisted(() => ({
  /** Answers in order; the string 'CTRL-C' throws ExitPromptError, 'SIGINT' raises SIGINT then answers. */
  script: [] as unknown[],
  asked: [] as string[],
}));
const next = (message: string): unknown => {
  terminal.asked.push(message);
  const value = terminal.script.shift();
  if (value === 'CTRL-C') throw new ExitPromptError('User force closed the prompt with SIGINT');
  if (value === 'SIGINT') {
    process.emit('SIGINT');
    return 'an answer given as Ctrl-C was pressed';
  }
  return value;
};
vi.mock('@inquirer/prompts', () => ({
  input: vi.fn(async ({ message }: { message: string }) => next(message)),
  select: vi.fn(async ({ message }: { message: string }) => next(message)),
  confirm: vi.fn(async ({ message }: { message: string }) => next(message)),
  checkbox: vi.fn(async ({ message }: { message: string }) => next(message)),
}));

const folders: string[] = [];
beforeEach(() => {
  terminal.script = [];
  terminal.asked = [];
});
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function terminalIO(root: string): CliIO {
  return {
    json: false,
    color: false,
    cwd: root,
    interactive: true,
    env: { PATH: process.env.PATH, HOME: root, XDG_CONFIG_HOME: join(root, '.no-config') },
    say: () => undefined,
    warn: () => undefined,
    result: () => undefined,
    style: makeStyle(false),
  };
}

const project = (): string => {
  const root = createFixtureProject();
  folders.push(root);
  return root;
};

async function interrupted(work: Promise<unknown>): Promise<InterruptedError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InterruptedError);
  expect((error as InterruptedError).exitCode).toBe(ExitCode.interrupted);
  return error as InterruptedError;
}

describe('Ctrl-C in the relay', () => {
  it('at a question: exit 130, the answers given are committed in qa.md, and resume names the track', async () => {
    const root = project();
    terminal.script = ['Order events, latest first.', 'dev and prod.', 'CTRL-C'];
    const { runStartCommand } = await import('../../src/cli/relay-commands.js');
    const error = await interrupted(
      runStartCommand(terminalIO(root), 'crossplane', 'keyspace', ['A keyspace.'], { replay: RECORDING }),
    );
    expect(error.resume).toMatch(/^infrakit resume keyspace-\d{8}-\d{6}$/);
    const track = (error.resume ?? '').replace('infrakit resume ', '');
    const qa = readFileSync(join(root, '.infrakit', 'tracks', track, 'qa.md'), 'utf8');
    expect(qa).toContain('Order events, latest first.');
    expect(qa).toContain('dev and prod.');
    expect(error.kept).toContain(`.infrakit/tracks/${track}/`);
  });

  it('during a model call (the signal aborts it): exit 130 with the resume command, not a provider error', async () => {
    const root = project();
    terminal.script = ['Order events, latest first.', 'SIGINT'];
    const { runStartCommand } = await import('../../src/cli/relay-commands.js');
    const error = await interrupted(
      runStartCommand(terminalIO(root), 'crossplane', 'keyspace', ['A keyspace.'], { replay: RECORDING }),
    );
    expect(error.resume).toMatch(/^infrakit resume keyspace-\d{8}-\d{6}$/);
  });
});

describe('Ctrl-C in setup', () => {
  async function runSetup(root: string) {
    const [{ runSetupFlow }, { SetupAnswersSchema }, { contextQuestions }, { planContextChanges }] =
      await Promise.all([
        import('../../src/cli/setup-flow.js'),
        import('../../src/setup/answers-schema.js'),
        import('../../src/setup/context-questions.js'),
        import('../../src/setup/plan-changes.js'),
      ]);
    return runSetupFlow(
      terminalIO(root),
      {},
      {
        command: 'setup',
        schema: SetupAnswersSchema,
        questions: (base, answers) =>
          contextQuestions({ context: base.context.value, tagging: base.tagging.value }, answers, base.iac),
        plan: planContextChanges,
        commitMessage: 'infrakit setup: update project context and tagging standard',
      },
    );
  }

  it('keeps the answers given, and the next "infrakit setup" starts after them', async () => {
    const root = project();
    terminal.script = ['aws', 'eu-west-1', 'CTRL-C'];
    const error = await interrupted(runSetup(root));
    expect(error.resume).toBe('infrakit setup');
    expect(error.kept).toContain('2 answer(s)');
    const saved = JSON.parse(readFileSync(join(root, SETUP_PROGRESS_FILE), 'utf8')) as {
      answers: Array<{ value: unknown }>;
    };
    expect(saved.answers.map((answer) => answer.value)).toEqual(['aws', 'eu-west-1']);
    const stoppedAt = terminal.asked[2];

    terminal.asked = [];
    terminal.script = ['CTRL-C'];
    await interrupted(runSetup(root));
    // The two answered questions are not asked again: the first question asked is where it stopped.
    expect(terminal.asked).toEqual([stoppedAt]);
    const again = JSON.parse(readFileSync(join(root, SETUP_PROGRESS_FILE), 'utf8')) as {
      answers: Array<{ value: unknown }>;
    };
    expect(again.answers.map((answer) => answer.value)).toEqual(['aws', 'eu-west-1']);
    expect(existsSync(join(root, SETUP_PROGRESS_FILE))).toBe(true);
  });
});

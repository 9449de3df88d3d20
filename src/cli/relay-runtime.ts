import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Question } from '../../machines/relay-types.js';
import { ConfigError, InfrakitError, InternalError, UsageError } from '../errors/index.js';
import type { Gate } from '../gate/types.js';
import { openRepo } from '../git/repo.js';
import { GitCommandError, runGit } from '../git/run-git.js';
import { answerFromFile, loadAnswersFile } from '../pipeline/answers.js';
import type { LookupTool, PipelineDeps } from '../pipeline/deps.js';
import { defaultPersonasDir } from '../personas/load.js';
import type { ModelClientFactory } from '../../providers/factory.js';
import type { CliIO } from './io.js';
import { progressBoardFor, withCallProgress } from './model-progress.js';
import type { RelayCommandOptions } from './relay-options.js';

/** The project root for a relay command: the nearest folder with `.infrakit/`, which must be a git repository. */
export async function relayProjectRoot(io: CliIO, requireGit = true): Promise<string> {
  const { requireProjectRoot } = await import('../project/project-root.js');
  const root = await requireProjectRoot(io.cwd);
  if (requireGit && !(await openRepo(root).isRepo())) {
    throw new ConfigError(`${root} is not a git repository: tracks are committed step by step`, [], {
      hint: `Run: git -C ${root} init`,
    });
  }
  if (requireGit && (await headIsDetached(root))) {
    throw new ConfigError(
      `${root}: HEAD is detached, so step commits would belong to no branch and could be lost`,
      [],
      {
        hint: `Switch to a branch first: git -C ${root} switch <branch>   (or create one: git -C ${root} switch -c <new-branch>)`,
      },
    );
  }
  return root;
}

/** True when HEAD points at a commit rather than a branch. */
async function headIsDetached(root: string): Promise<boolean> {
  return runGit(root, ['symbolic-ref', '-q', 'HEAD']).then(
    () => false,
    (error: unknown) => error instanceof GitCommandError && error.exitCode === 1,
  );
}

/** Fails at once when questions may come, there is no terminal and no --answers (UsageError naming the flag). */
export function requireAnswerSource(io: CliIO, options: RelayCommandOptions): void {
  if (!io.interactive && !options.answers) {
    throw new UsageError('no terminal to ask clarifying questions in, and no --answers file', {
      hint: 'Pass --answers answers.yaml: a list of answers in order, or a map from question key to answer.',
    });
  }
}

async function promptQuestion(question: Question, number: number): Promise<string> {
  const { input, select } = await import('@inquirer/prompts');
  const message = `Q${number}. ${question.text}`;
  if (question.options.length === 0) return input({ message });
  const OTHER = '\u0000other';
  const choice = await select({
    message,
    choices: [
      ...question.options.map((value) => ({ value, name: value })),
      { value: OTHER, name: 'Other (type your own answer)' },
    ],
  });
  return choice === OTHER ? input({ message: 'Your answer:' }) : choice;
}

async function lookupTools(projectRoot: string, io: CliIO): Promise<LookupTool[]> {
  try {
    const { createLookupTools } = await import('../schemas/lookup-tools.js');
    return await createLookupTools(projectRoot);
  } catch (error) {
    io.warn(
      `schema lookups unavailable (${error instanceof Error ? error.message : String(error)}); the verify gate still checks every field`,
    );
    return [];
  }
}

async function schemaLock(projectRoot: string, files: string[]): Promise<unknown> {
  const { schemaLockOfFiles } = await import('../schemas/files-schema-lock.js');
  return schemaLockOfFiles(projectRoot, files);
}

async function realGates(): Promise<PipelineDeps['gates']> {
  const [{ validatorGate }, { verifyGate }, { createPolicyGate }] = await Promise.all([
    import('../validators/gate.js'),
    import('../verify/gate.js'),
    import('../policy/gate.js'),
  ]);
  const policy: Gate = async (input) => {
    const { parseSources } = await import('../iac/parse.js');
    const readSpec = async () =>
      input.trackDir
        ? readFile(join(input.projectRoot, input.trackDir, 'spec.md'), 'utf8').catch(() => undefined)
        : undefined;
    return createPolicyGate({ parse: (files, root) => parseSources(files, { root }), readSpec })(input);
  };
  return { validator: validatorGate, verify: verifyGate, policy };
}

/**
 * The model client factory from flags, env and config. Throws the provider's ConfigError (e.g. a
 * missing API key, naming the variable) before any model work starts.
 */
export async function modelClientFactoryFor(
  io: CliIO,
  flags: { provider?: string; model?: string; baseUrl?: string; replay?: string },
  projectRoot: string,
): Promise<ModelClientFactory> {
  const [{ resolveProviderSettings }, { createModelClientFactory }] = await Promise.all([
    import('../../providers/config.js'),
    import('../../providers/factory.js'),
  ]);
  const resolved = await resolveProviderSettings({
    flags: {
      provider: flags.provider,
      model: flags.model,
      baseUrl: flags.baseUrl,
      replay: replayPath(io, flags.replay),
    },
    env: io.env,
    projectDir: projectRoot,
  });
  return createModelClientFactory(resolved);
}

/** A --replay path as given, relative to where the command runs (not to the project root). */
function replayPath(io: CliIO, replay: string | undefined): string | undefined {
  if (replay === undefined) return undefined;
  if (!replay.trim())
    throw new UsageError(
      '--replay: expected the path of a recording, e.g. --replay replays/cassandra-keyspace.replay.json',
    );
  return isAbsolute(replay) ? replay : resolve(io.cwd, replay);
}

/** Builds the real pipeline deps from flags, env and config. */
/** The model factory of a run that only commits what is on disk: never called. */
const noModelNeeded = (persona: string): never => {
  throw new Error(`no model call is needed to finish this track, but ${persona} was asked for one`);
};

export async function buildPipelineDeps(
  io: CliIO,
  options: RelayCommandOptions,
  projectRoot: string,
  signal?: AbortSignal,
  /** Only commits are left (a done track whose final commit failed): no key is asked for, and a model call is a bug. */
  needs: { model: boolean } = { model: true },
): Promise<PipelineDeps> {
  const [factory, { costOf }] = await Promise.all([
    needs.model ? modelClientFactoryFor(io, options, projectRoot) : noModelNeeded,
    import('../../providers/pricing.js'),
  ]);
  const answers = options.answers ? await loadAnswersFile(options.answers) : undefined;
  // Every persona call streams and shows who is working, for how long, and the tokens so far.
  const board = progressBoardFor(io);
  return {
    projectRoot,
    personasDir: defaultPersonasDir(),
    modelFor: (persona) => withCallProgress(factory(persona.id), persona, board),
    priceOf: (usage) => costOf(usage),
    gates: await realGates(),
    ask: async (question, number) => {
      if (answers && options.answers) {
        const answer = answerFromFile(answers, options.answers, question, number);
        io.warn(`Q${number}. ${question.text}\n  → ${answer} (from ${options.answers})`);
        return answer;
      }
      if (!io.interactive)
        throw new UsageError('a clarifying question needs an answer, and there is no terminal', {
          hint: 'Pass --answers answers.yaml.',
        });
      return promptQuestion(question, number);
    },
    repo: openRepo(projectRoot),
    now: () => new Date(),
    lookupTools: () => lookupTools(projectRoot, io),
    schemaLock: (files) => schemaLock(projectRoot, files),
    maxToolRounds: 8,
    progress: (message) => io.warn(io.style.dim(message)),
    signal,
    pid: process.pid,
  };
}

/** Rethrows the error behind a failed track with its own exit code. */
export function failure(outcome: { state: string; reason?: string; error?: unknown; track: string }): never {
  if (InfrakitError.isInstance(outcome.error)) throw outcome.error;
  throw new InternalError(`track ${outcome.track} failed: ${outcome.reason ?? 'unknown reason'}`, {
    hint: `Fix the cause and continue with: infrakit resume ${outcome.track}`,
  });
}

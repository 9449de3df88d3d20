import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCliInProcess, withoutFinalNewline } from '../support/run-cli-in-process.js';

/** The built CLI entry point; tests that need it skip when `npm run build` has not been run. */
export const CLI_PATH = resolve(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'bin.cjs');
export const cliBuilt = existsSync(CLI_PATH);
export const notBuiltReason = `the CLI is not built (${CLI_PATH} missing): run "npm run build" first`;

export interface CliRunOptions {
  cwd: string;
  /** Added to the test's environment; the whole environment when it sets PATH (unless `extendEnv`). */
  env?: NodeJS.ProcessEnv;
  /** As execa's option: whether `env` is added to the test's environment. */
  extendEnv?: boolean;
  input?: string;
}

export interface CliOutcome {
  exitCode: number;
  /** Without its final newline, as execa gives it. */
  stdout: string;
  stderr: string;
}

const extendsEnvironment = (options: CliRunOptions): boolean =>
  options.extendEnv ?? options.env?.PATH === undefined;

/**
 * Runs the CLI in the test's own process (test/support/run-cli-in-process.ts): the same command,
 * environment, output and exit code as `spawnCli`, without a process start-up. Never throws on a
 * non-zero exit.
 */
export async function runCli(args: string[], options: CliRunOptions): Promise<CliOutcome> {
  const result = await runCliInProcess(args, {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
    extendEnv: extendsEnvironment(options),
    input: options.input ?? '',
  });
  return {
    exitCode: result.exitCode,
    stdout: withoutFinalNewline(result.stdout),
    stderr: withoutFinalNewline(result.stderr),
  };
}

/**
 * Runs the built CLI as a child process, never throwing on a non-zero exit: for the tests about the
 * process itself (the bin, its start-up, what another process sees).
 */
export async function spawnCli(args: string[], options: CliRunOptions): Promise<CliOutcome> {
  const result = await execa(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
    extendEnv: extendsEnvironment(options),
    reject: false,
    input: options.input ?? '',
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A fresh temporary directory. */
export async function temporaryDirectory(prefix = 'infrakit-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

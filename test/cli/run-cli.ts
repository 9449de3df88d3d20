import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built CLI entry point; tests that need it skip when `npm run build` has not been run. */
export const CLI_PATH = resolve(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
export const cliBuilt = existsSync(CLI_PATH);
export const notBuiltReason = `the CLI is not built (${CLI_PATH} missing): run "npm run build" first`;

/** Runs the built CLI as a child process, never throwing on a non-zero exit. */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
) {
  const result = await execa(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...options.env },
    extendEnv: options.env?.PATH === undefined,
    reject: false,
    input: options.input ?? '',
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A fresh temporary directory. */
export async function temporaryDirectory(prefix = 'infrakit-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

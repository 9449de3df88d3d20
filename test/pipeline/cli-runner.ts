import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCliInProcess } from '../support/run-cli-in-process.js';

/** The built CLI (npm run build); tests that need it skip with this reason when it is absent. */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'bin.cjs');
export const cliMissing = existsSync(CLI) ? undefined : `the built CLI ${CLI} is missing (run npm run build)`;

/** Result of one CLI run. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The command line and environment of a run in `cwd` pointed at the mock server. */
function invocation(cwd: string, args: string[], baseUrl: string) {
  const modelFlags = args[0] === 'status' ? [] : ['--provider', 'anthropic', '--base-url', baseUrl];
  return {
    args: [...args, ...modelFlags],
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      ANTHROPIC_API_KEY: 'test-key',
      CI: 'true',
      XDG_CONFIG_HOME: join(cwd, '.no-config'),
    },
  };
}

/**
 * Runs the CLI in `cwd` pointed at the mock server, in the test's own process
 * (test/support/run-cli-in-process.ts): the same output and exit code as `runCli`, no process start-up.
 */
export async function runCliInWorker(cwd: string, args: string[], baseUrl: string): Promise<CliRun> {
  const run = invocation(cwd, args, baseUrl);
  const result = await runCliInProcess(run.args, { cwd, env: run.env, extendEnv: false });
  return { code: result.exitCode, signal: null, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI in `cwd` pointed at the mock server; `onSpawn` receives the child (e.g. to kill it). */
export function runCli(
  cwd: string,
  args: string[],
  baseUrl: string,
  onSpawn?: (child: ChildProcess) => void,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const run = invocation(cwd, args, baseUrl);
    const child = spawn(process.execPath, [CLI, ...run.args], {
      cwd,
      env: run.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

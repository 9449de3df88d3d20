import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built CLI (npm run build); tests that need it skip with this reason when it is absent. */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
export const cliMissing = existsSync(CLI) ? undefined : `the built CLI ${CLI} is missing (run npm run build)`;

/** Result of one CLI run. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` pointed at the mock server; `onSpawn` receives the child (e.g. to kill it). */
export function runCli(
  cwd: string,
  args: string[],
  baseUrl: string,
  onSpawn?: (child: ChildProcess) => void,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const modelFlags = args[0] === 'status' ? [] : ['--provider', 'anthropic', '--base-url', baseUrl];
    const child = spawn(process.execPath, [CLI, ...args, ...modelFlags], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: cwd,
        ANTHROPIC_API_KEY: 'test-key',
        CI: 'true',
        XDG_CONFIG_HOME: join(cwd, '.no-config'),
      },
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

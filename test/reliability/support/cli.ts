import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from './project.js';

/** The built CLI (`flock /tmp/build.lock npx tsc -p .`). */
export const CLI = join(import.meta.dirname, '..', '..', '..', 'dist', 'src', 'cli', 'bin.cjs');

/** Why the suite cannot run, or undefined when the CLI is built. */
export const cliMissing = existsSync(CLI) ? undefined : `${CLI} is not built: run npx tsc -p .`;

/** How one CLI child process ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Canary keys: recognisable, shaped like real keys, never valid anywhere. */
export const CANARY = {
  anthropic: 'sk-ant-api03-CANARY0RELIABILITY0ANTHROPIC0KEY0DO0NOT0LEAK0000000000000000000000000000-AAAAAAAA',
  openai: 'sk-proj-CANARY0RELIABILITY0OPENAI0KEY0DO0NOT0LEAK0000000000000000',
  compatible: 'CANARY0RELIABILITY0COMPATIBLE0KEY0DO0NOT0LEAK',
};

/** The environment of a CLI child: the mock as the Anthropic endpoint, canary keys, an isolated HOME. */
export function cliEnvironment(
  sandbox: Sandbox,
  baseUrl: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const keep = ['PATH', 'LANG', 'TMPDIR', 'SYSTEMROOT'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    ...env,
    HOME: sandbox.home,
    XDG_CONFIG_HOME: join(sandbox.home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
    INFRAKIT_PROVIDER: 'anthropic',
    INFRAKIT_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: CANARY.anthropic,
    OPENAI_API_KEY: CANARY.openai,
    INFRAKIT_OPENAI_COMPATIBLE_API_KEY: CANARY.compatible,
    INFRAKIT_CACHE_DIR: join(sandbox.home, 'cache'),
    ...extra,
  };
}

/** Runs `node dist/src/cli/bin.cjs ...args` as a child process and waits for it to end. */
export function runCli(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; uid?: number; gid?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1 }));
  });
}

/** One line describing a run, for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code ?? run.signal}\n--- stdout\n${run.stdout.slice(-2000)}\n--- stderr\n${run.stderr.slice(-3000)}`;
}

/** Runs `tasks` with at most `limit` running at once, keeping their order in the result. */
export async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

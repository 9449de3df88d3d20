import { execa } from 'execa';
import { childEnvironment } from '../secrets/child-environment.js';

/** What one tool run produced; the tool's own output is kept verbatim. */
export interface ToolRun {
  command: string;
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  failedToStart?: string;
}

export interface RunToolOptions {
  cwd: string;
  variables: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
  input?: string;
}

/** Runs a tool with `reject: false`: a non-zero exit is data, never an exception. Model keys never reach it. */
export async function runTool(
  binary: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<ToolRun> {
  const result = await execa(binary, args, {
    cwd: options.cwd,
    env: childEnvironment(options.variables),
    extendEnv: false,
    reject: false,
    timeout: options.timeoutMs ?? 300_000,
    cancelSignal: options.signal,
    input: options.input,
    stripFinalNewline: true,
    all: false,
  });
  const failedToStart =
    result.exitCode === undefined && !result.timedOut && result.cause instanceof Error
      ? result.cause.message
      : undefined;
  return {
    command: result.command,
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: result.timedOut,
    failedToStart,
  };
}

import { ValidationFailedError } from '../errors/index.js';
import type { ToolRun } from './run-tool.js';

/** The facts of one failed tool run that its message is built from. */
export interface ValidatorFailure {
  tool: string;
  version?: string;
  run: ToolRun;
}

/**
 * The message execa would write, in our words: what happened (exit code, timeout, not started),
 * the command line, then the tool's own stderr and stdout quoted verbatim.
 */
export function formatValidatorFailure({ tool, version, run }: ValidatorFailure): string {
  const who = `${tool} ${version ?? '(version unknown)'}`;
  const what = run.failedToStart
    ? `could not be started: ${run.failedToStart}`
    : run.timedOut
      ? 'timed out'
      : `exited with code ${run.exitCode ?? 'unknown'}`;
  const parts = [`${who} ${what}: ${run.command}`];
  if (run.stderr.trim()) parts.push(run.stderr.trimEnd());
  if (run.stdout.trim()) parts.push(run.stdout.trimEnd());
  return parts.join('\n\n');
}

/** A validator ran and rejected the code (exit 4), carrying the tool's own output. */
export class ValidatorError extends ValidationFailedError {
  readonly tool: string;
  readonly version?: string;
  readonly toolExitCode: number | undefined;
  readonly output: string;

  constructor(failure: ValidatorFailure) {
    super(formatValidatorFailure(failure), {
      hint: `Fix what ${failure.tool} reports above, then run the gate again.`,
    });
    this.tool = failure.tool;
    this.version = failure.version;
    this.toolExitCode = failure.run.exitCode;
    this.output = [failure.run.stderr, failure.run.stdout].filter((text) => text.trim()).join('\n');
  }
}

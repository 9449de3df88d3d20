#!/usr/bin/env node
import { CommanderError } from 'commander';
import { ExitCode, InfrakitError } from '../errors/index.js';
import { redact } from '../secrets/redact.js';
import { systemErrorAsBlocked } from '../errors/system-error.js';
import { buildProgram } from './program.js';

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(thrown: unknown): number {
  // Disk full, read-only and permission errors are the machine's, not a bug: said as such.
  const error = systemErrorAsBlocked(thrown) ?? thrown;
  if (error instanceof CommanderError) {
    // commander already printed its message; help and version are not failures
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return ExitCode.ok;
    }
    return ExitCode.usage;
  }
  const color =
    !process.env.NO_COLOR && !process.argv.includes('--no-color') && Boolean(process.stderr.isTTY);
  const label = (text: string) => (color ? `\u001b[31m${text}\u001b[39m` : text);
  if (InfrakitError.isInstance(error)) {
    process.stderr.write(redact(`${label('error:')} ${error.message}\n`));
    if (error.hint) process.stderr.write(redact(`  ${error.hint}\n`));
    if (process.argv.includes('--json')) {
      const problems = 'problems' in error && Array.isArray(error.problems) ? error.problems : undefined;
      const payload = {
        kind: error.name,
        message: error.message,
        problems,
        hint: error.hint,
        exitCode: error.exitCode,
      };
      process.stdout.write(redact(`${JSON.stringify({ error: payload })}\n`));
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    redact(
      `${label('internal error:')} ${message}\n  This is a bug in infrakit. Please report it with the command you ran.\n`,
    ),
  );
  if (process.env.INFRAKIT_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(redact(`${error.stack}\n`));
  return ExitCode.internal;
}

// A closed pipe (`infrakit doctor | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(redact(`internal error: ${String(error)}\n`));
    process.exitCode = ExitCode.internal;
  },
);

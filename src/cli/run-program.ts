import './zod-one-shot.js';
import { CommanderError } from 'commander';
import { ExitCode, InfrakitError, InterruptedError } from '../errors/index.js';
import { redact } from '../secrets/redact.js';
import { jsonText, terminalText } from '../util/printable.js';
import { systemErrorAsBlocked } from '../errors/system-error.js';
import { isPromptCancelled, sameCommandAgain } from './interrupted.js';
import { buildProgram } from './program.js';

/**
 * The CLI proper, imported by main.ts for every command but a bare `--version`, which runs it with
 * `runAsBin()`; tests call `main(argv)` in-process (test/support/run-cli-in-process.ts). The one
 * place that turns errors into messages and exit codes. Importing this module runs nothing.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, argv);
  }
}

/** The same command again: what to run after an interruption that kept nothing to resume from. */
function interruptedHere(kept: string): InterruptedError {
  return new InterruptedError('the command stopped before it finished', { kept, resume: sameCommandAgain() });
}

/**
 * Ctrl-C while no command listens for it (a command that can stop cleanly, like the relay, adds its
 * own SIGINT listener and ends with an InterruptedError): say so and exit 130.
 */
function onInterrupt(): void {
  if (process.listenerCount('SIGINT') > 1) return;
  const error = interruptedHere('every file written so far (files are replaced whole, never half-written)');
  process.exit(reportError(error));
}

/** Prints `thrown` for the person (and as JSON under --json in `argv`) and returns its exit code. */
function reportError(thrown: unknown, argv: readonly string[] = process.argv): number {
  // Disk full, read-only and permission errors are the machine's, not a bug: said as such.
  let error = systemErrorAsBlocked(thrown) ?? thrown;
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
  const color = !process.env.NO_COLOR && !argv.includes('--no-color') && Boolean(process.stderr.isTTY);
  const label = (text: string) => (color ? `\u001b[31m${text}\u001b[39m` : text);
  // Messages name paths a model or a repository chose: escaped, only the label's colour kept.
  const shown = (text: string) => terminalText(redact(text), { styles: color });
  const shownJson = (text: string) => jsonText(redact(text));
  // Ctrl-C at a prompt no command caught (e.g. the request prompt before a track exists).
  if (isPromptCancelled(error)) error = interruptedHere('nothing (the command had not started its work)');
  if (error instanceof InterruptedError) {
    process.stderr.write(shown(`\ninterrupted: ${error.message}\n  kept: ${error.kept}\n`));
    if (error.resume) process.stderr.write(shown(`  resume: ${error.resume}\n`));
    if (argv.includes('--json'))
      process.stdout.write(
        shownJson(
          `${JSON.stringify({ error: { kind: error.name, message: error.message, kept: error.kept, resume: error.resume, exitCode: error.exitCode } })}\n`,
        ),
      );
    return error.exitCode;
  }
  if (InfrakitError.isInstance(error)) {
    process.stderr.write(shown(`${label('error:')} ${error.message}\n`));
    if (error.hint) process.stderr.write(shown(`  ${error.hint}\n`));
    if (argv.includes('--json')) {
      const problems = 'problems' in error && Array.isArray(error.problems) ? error.problems : undefined;
      const payload = {
        kind: error.name,
        message: error.message,
        problems,
        hint: error.hint,
        exitCode: error.exitCode,
      };
      process.stdout.write(shownJson(`${JSON.stringify({ error: payload })}\n`));
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    shown(
      `${label('internal error:')} ${message}\n  This is a bug in infrakit. Please report it with the command you ran.\n`,
    ),
  );
  if (process.env.INFRAKIT_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(shown(`${error.stack}\n`));
  return ExitCode.internal;
}

/**
 * Runs the CLI as the `infrakit` process: `main(process.argv)`, whose exit code becomes the
 * process's, with the handlers only a whole process wants (a closed pipe, Ctrl-C while no command
 * listens for it).
 */
export function runAsBin(): void {
  // A closed pipe (`infrakit doctor | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  process.on('SIGINT', onInterrupt);

  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(terminalText(redact(`internal error: ${String(error)}\n`)));
      process.exitCode = ExitCode.internal;
    },
  );
}

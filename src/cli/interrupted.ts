import { InterruptedError } from '../errors/index.js';

/** True for the error @inquirer/prompts throws when the person presses Ctrl-C at a prompt. */
export const isPromptCancelled = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');

/** True when a track stopped because of Ctrl-C: at a question, or a model call aborted by the signal. */
export function stoppedByInterrupt(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  if (error instanceof InterruptedError || isPromptCancelled(error)) return true;
  return error instanceof Error && error.cause !== undefined && stoppedByInterrupt(error.cause, undefined);
}

/** The InterruptedError of a relay track: every finished step is committed; resume continues it. */
export const trackInterrupted = (track: string, state: string): InterruptedError =>
  // The machine records an interrupted step as `failed`; that is not news to the person who pressed Ctrl-C.
  new InterruptedError(`track ${track} stopped by Ctrl-C${state === 'failed' ? '' : ` (at ${state})`}`, {
    kept: `every finished step of the track, committed in .infrakit/tracks/${track}/ (answers given so far are in qa.md)`,
    resume: `infrakit resume ${track}`,
  });

const quoteForShell = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/** The command being run, as it would be typed again (each word quoted for the shell when needed). */
export const sameCommandAgain = (argv: readonly string[] = process.argv.slice(2)): string =>
  ['infrakit', ...argv].map(quoteForShell).join(' ');

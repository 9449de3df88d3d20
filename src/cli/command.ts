import type { Command } from 'commander';
import { createCliIO, type CliIO, type GlobalOptions } from './io.js';

/** A command module registers itself on the program. Heavy modules are imported inside the action. */
export type CommandDefinition = (program: Command) => void;

/**
 * Wraps a command handler: builds the CliIO from global flags and passes the positional
 * arguments and the command's own options. Errors propagate to main, the one place that exits.
 */
export function action<Args extends unknown[], Options extends object>(
  handler: (io: CliIO, options: Options, ...args: Args) => Promise<number | void>,
) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const options = received[received.length - 2] as Options;
    const args = received.slice(0, received.length - 2) as Args;
    const globals = command.optsWithGlobals() as GlobalOptions;
    const io = createCliIO(globals);
    const code = await handler(io, options, ...args);
    if (typeof code === 'number' && code !== 0) process.exitCode = code;
  };
}

/** Appends an "Example:" block to a command's --help. */
export function withExamples(command: Command, ...examples: string[]): Command {
  return command.addHelpText(
    'after',
    `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`,
  );
}

import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit plan <track>`: the IaC Engineer writes plan.md and tasks.md for a reviewed spec */
export const planCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program.command('plan').description('the IaC Engineer writes plan.md and tasks.md for a reviewed spec'),
  )
    .argument('<track>', 'track id or name (see "infrakit status")')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, track: string) => {
        const { runContinueCommand } = await import('../relay-commands.js');
        return runContinueCommand(io, 'plan', track, options);
      }),
    );
  withExamples(command, 'infrakit plan cassandra-keyspace');
  command.addHelpText('after', RELAY_EXIT_CODES);
};

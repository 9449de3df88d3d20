import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit implement <track>`: the IaC Engineer writes the code task by task, then the validator, verifier and policy gate run */
export const implementCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program
      .command('implement')
      .description(
        'the IaC Engineer writes the code task by task, then the validator, verifier and policy gate run',
      ),
  )
    .argument('<track>', 'track id or name (see "infrakit status")')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, track: string) => {
        const { runContinueCommand } = await import('../relay-commands.js');
        return runContinueCommand(io, 'implement', track, options);
      }),
    );
  withExamples(
    command,
    'infrakit implement cassandra-keyspace',
    'infrakit implement cassandra-keyspace --max-cost 1.00 --json',
  );
  command.addHelpText('after', RELAY_EXIT_CODES);
};

import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit resume <track>`: continue a track from its persisted state (after an interruption, a block or a failure) */
export const resumeCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program
      .command('resume')
      .description('continue a track from its persisted state (after an interruption, a block or a failure)'),
  )
    .argument('<track>', 'track id or name (see "infrakit status")')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, track: string) => {
        const { runContinueCommand } = await import('../relay-commands.js');
        return runContinueCommand(io, 'resume', track, options);
      }),
    );
  withExamples(
    command,
    'infrakit resume cassandra-keyspace',
    'infrakit resume cassandra-keyspace-20260101-120000 --max-cost 5.00',
  );
  command.addHelpText('after', RELAY_EXIT_CODES);
};

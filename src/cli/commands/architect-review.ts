import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit architect-review <track>`: re-runs the architect review of a track's spec on demand. */
export const architectReviewCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program
      .command('architect-review')
      .description('re-run the architect review of a track spec (writes review-architect.md and .json)'),
  )
    .argument('<track>', 'track id or name')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, track: string) => {
        const { runReviewCommand } = await import('../relay-more-commands.js');
        return runReviewCommand(io, 'architect', track, options);
      }),
    );
  withExamples(command, 'infrakit architect-review cassandra-keyspace');
  command.addHelpText('after', RELAY_EXIT_CODES);
};

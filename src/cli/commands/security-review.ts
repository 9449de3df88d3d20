import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit security-review <track>`: re-runs the security review of a track's spec on demand. */
export const securityReviewCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program
      .command('security-review')
      .description(
        're-run the security review of a track spec (writes review-security-engineer.md and .json)',
      ),
  )
    .argument('<track>', 'track id or name')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, track: string) => {
        const { runReviewCommand } = await import('../relay-more-commands.js');
        return runReviewCommand(io, 'security-engineer', track, options);
      }),
    );
  withExamples(command, 'infrakit security-review cassandra-keyspace');
  command.addHelpText('after', RELAY_EXIT_CODES);
};

import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit quick-fix "<change>" [--track <track>]`: plan → tasks → confirm → implement → gate, without interview or reviews. */
export const quickFixCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program
      .command('quick-fix')
      .description(
        'the light path: plan, tasks, show the plan, implement, then the same gate (no interview, no reviews); on existing code also the baseline diff gate',
      ),
  )
    .argument('<change>', 'the change, in plain words')
    .option('--track <track>', 'apply the change to this track (its code folder); a new track otherwise')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, change: string) => {
        const { runQuickFixCommand } = await import('../relay-more-commands.js');
        return runQuickFixCommand(io, change, options);
      }),
    );
  withExamples(
    command,
    'infrakit quick-fix "enable point-in-time recovery" --track cassandra-keyspace',
    'infrakit quick-fix "add the cost-center tag" --track orders-bucket --yes',
  );
  command.addHelpText('after', RELAY_EXIT_CODES);
};

import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addStartOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit new-composition <name>`: starts a crossplane track (interview, parallel reviews; --through continues). */
export const newCompositionCommand: CommandDefinition = (program: Command) => {
  const command = addStartOptions(
    program
      .command('new-composition')
      .description(
        'start a Crossplane track: XRD + Composition (Pipeline mode) + example XR, through interview and reviews',
      ),
  ).action(
    action(async (io: CliIO, options: RelayCommandOptions, name: string, words: string[]) => {
      const { runStartCommand } = await import('../relay-commands.js');
      return runStartCommand(io, 'crossplane', name, words, options);
    }),
  );
  withExamples(
    command,
    'infrakit new-composition cassandra-keyspace "a Cassandra keyspace for the orders service"',
    'infrakit new-composition cassandra-keyspace --answers answers.yaml --through implement --max-cost 2.50',
  );
  command.addHelpText('after', RELAY_EXIT_CODES);
};

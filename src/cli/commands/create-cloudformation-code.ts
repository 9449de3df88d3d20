import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addStartOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit create-cloudformation-code <name>`: starts a cloudformation track (interview, parallel reviews; --through continues). */
export const createCloudformationCodeCommand: CommandDefinition = (program: Command) => {
  const command = addStartOptions(
    program
      .command('create-cloudformation-code')
      .description(
        'start a CloudFormation track: templates/<name>/template.yaml, through interview and reviews',
      ),
  ).action(
    action(async (io: CliIO, options: RelayCommandOptions, name: string, words: string[]) => {
      const { runStartCommand } = await import('../relay-commands.js');
      return runStartCommand(io, 'cloudformation', name, words, options);
    }),
  );
  withExamples(
    command,
    'infrakit create-cloudformation-code orders-db "a Postgres database for orders"',
    'infrakit create-cloudformation-code orders-db --answers answers.yaml --max-cost 150000tok',
  );
  command.addHelpText('after', RELAY_EXIT_CODES);
};

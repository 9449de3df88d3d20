import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addStartOptions, RELAY_EXIT_CODES, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit create-terraform-code <name>`: starts a terraform track (interview, parallel reviews; --through continues). */
export const createTerraformCodeCommand: CommandDefinition = (program: Command) => {
  const command = addStartOptions(
    program
      .command('create-terraform-code')
      .description('start a Terraform track: a module under modules/<name>, through interview and reviews'),
  ).action(
    action(async (io: CliIO, options: RelayCommandOptions, name: string, words: string[]) => {
      const { runStartCommand } = await import('../relay-commands.js');
      return runStartCommand(io, 'terraform', name, words, options);
    }),
  );
  withExamples(
    command,
    'infrakit create-terraform-code orders-bucket "an S3 bucket for order exports"',
    'infrakit create-terraform-code orders-bucket --env prod --answers answers.yaml --through implement',
  );
  command.addHelpText('after', RELAY_EXIT_CODES);
};

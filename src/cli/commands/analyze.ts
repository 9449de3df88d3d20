import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { addRelayOptions, type RelayCommandOptions } from '../relay-options.js';

/** `infrakit analyze <track>`: drift between spec, tasks and code (deterministic; --with-model adds an opinion). */
export const analyzeCommand: CommandDefinition = (program: Command) => {
  const command = addRelayOptions(
    program
      .command('analyze')
      .description(
        'report drift: requirements without tasks, tasks without code, code without a requirement',
      ),
  )
    .argument('<track>', 'track id or name')
    .option('--with-model', 'also ask the IaC Engineer for a second opinion (one model call)')
    .action(
      action(async (io: CliIO, options: RelayCommandOptions, track: string) => {
        const { runAnalyzeCommand } = await import('../relay-more-commands.js');
        return runAnalyzeCommand(io, track, options);
      }),
    );
  withExamples(
    command,
    'infrakit analyze cassandra-keyspace',
    'infrakit analyze cassandra-keyspace --with-model --json',
  );
  command.addHelpText('after', '\nExit codes: 0 no drift, 4 drift found, 2 unknown track.\n');
};

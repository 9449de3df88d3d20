import { Command } from 'commander';
import { packageVersion } from './package-version.js';
import { commandDefinitions } from './registry.js';

/** Builds the commander program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('infrakit')
    .description(
      // One string: commander wraps it to the terminal's width.
      'Constraint-driven infrastructure-as-code: four isolated personas write Crossplane, Terraform or ' +
        'CloudFormation that is verified against the provider schema and gated by real validators.',
    )
    .configureHelp({ sortSubcommands: true })
    .version(packageVersion(), '-V, --version', 'print the infrakit version')
    .option('--json', 'machine-readable output on stdout (human text goes to stderr)')
    .option('--no-color', 'disable colour (NO_COLOR is honoured too)')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExamples:\n  $ infrakit init my-infra --iac crossplane\n  $ infrakit new-composition cassandra-keyspace\n  $ infrakit demo\n',
  );
  for (const define of commandDefinitions) define(program);
  return program;
}

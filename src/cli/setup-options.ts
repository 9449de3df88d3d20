import { Option, type Command } from 'commander';

/** Adds the flags `setup` and `setup-coding-style` share (read in setup-flow.ts as SetupFlags). */
export function addSetupOptions(command: Command): Command {
  return command
    .option(
      '--answers <file.yaml>',
      'take the answers from a YAML file instead of asking (for CI and scripts)',
    )
    .option('-y, --yes', 'write without asking for confirmation')
    .option('--dry-run', 'show what would change and write nothing')
    .addOption(
      new Option('--iac <tool>', 'the IaC tool, when coding-style.md is missing or invalid').choices([
        'crossplane',
        'terraform',
        'cloudformation',
      ]),
    );
}

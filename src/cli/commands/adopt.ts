import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { printable } from '../../util/printable.js';

interface AdoptOptions {
  force?: boolean;
}

/** `infrakit adopt [path]`: drafts .infrakit/ constraints from existing code, every item marked inferred. */
export const adoptCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('adopt')
    .description(
      'draft .infrakit/ constraints from existing Crossplane, Terraform or CloudFormation code (every item marked inferred)',
    )
    .argument('[path]', 'the project folder with the existing code', '.')
    .option('--force', 'replace constraint files that already exist')
    .action(
      action(async (io: CliIO, options: AdoptOptions, path: string) => {
        const { resolve } = await import('node:path');
        const { adoptProject } = await import('../../brownfield/adopt/run-adopt.js');
        const root = resolve(io.cwd, path);
        io.warn(io.style.dim(`reading the code under ${root}...`));
        const result = await adoptProject(root, { force: options.force });
        const lines = [
          `${io.style.bold('adopted')} ${result.tool}: ${result.resources} resource(s) in ${result.files.length} file(s)`,
          `  wrote ${result.written.join(', ')}`,
          `  mandatory tags (by majority): ${result.tags.map((tag) => `${tag.key} (${tag.source}${tag.from ? ` ${tag.from}` : tag.value ? ` "${tag.value}"` : ''})`).join(', ') || 'none'}`,
          ...(result.outliers.length
            ? [
                `  ${io.style.yellow(`${result.outliers.length} outlier(s)`)}:`,
                ...result.outliers.map(
                  (outlier) =>
                    `    ${printable(outlier.resource)} (${printable(outlier.file)}:${outlier.line}) ${outlier.problem}`,
                ),
              ]
            : ['  no outliers']),
          ...result.gaps.map((gap) => `  ${io.style.dim(`not found: ${gap}`)}`),
          ...result.skipped.map(
            (entry) => `  ${io.style.dim(`note: skipped ${printable(entry.file)}: ${entry.reason}`)}`,
          ),
          `Every drafted field is marked "# inferred". Next: ${io.style.cyan('infrakit setup')} to confirm them.`,
        ];
        io.result(result, lines.join('\n'));
      }),
    );
  withExamples(command, 'infrakit adopt', 'infrakit adopt ../payments-infra --force');
  command.addHelpText(
    'after',
    '\nExit codes: 0 drafted, 2 nothing to adopt or constraints already exist (use --force).\n',
  );
};

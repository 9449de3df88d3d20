import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

interface ImportFlags {
  name?: string;
  version?: string;
  force?: boolean;
}

/** `infrakit schemas import|list`: the provider schemas that verify checks against. */
export const schemasCommand: CommandDefinition = (program: Command) => {
  const schemas = program
    .command('schemas')
    .description('import and list the provider schemas that `infrakit verify` checks fields against');
  const importCommand = schemas
    .command('import')
    .description(
      'import CRDs (a file, a directory or a .tar.gz) or `tofu providers schema -json` output into this project',
    )
    .argument('<path>', 'CRD file, directory of CRDs, .tar.gz of CRDs, or providers schema JSON')
    .option('--name <name>', 'name of the source (default: from the file name)')
    .option('--version <version>', 'version of the source (default: from the file name)')
    .option('--force', 'derive again even when the user cache already holds this content')
    .action(action(runImport));
  withExamples(
    importCommand,
    'infrakit schemas import ../shared/crds/provider-upjet-aws-v2.6.0',
    'tofu providers schema -json > aws.json && infrakit schemas import aws.json --version 6.25.0',
  );
  const list = schemas
    .command('list')
    .description('show the imported schema sources with versions and kind counts')
    .action(action(runList));
  withExamples(list, 'infrakit schemas list', 'infrakit schemas list --json');
};

async function projectRootOf(io: CliIO): Promise<string> {
  const { findProjectRoot } = await import('../../project/project-root.js');
  return (await findProjectRoot(io.cwd)) ?? io.cwd;
}

async function runImport(io: CliIO, flags: ImportFlags, path: string): Promise<number> {
  const { importSchemas } = await import('../../schemas/import.js');
  const { resolve } = await import('node:path');
  const projectRoot = await projectRootOf(io);
  const result = await importSchemas(resolve(io.cwd, path), {
    projectRoot,
    name: flags.name,
    version: flags.version,
    force: flags.force,
  });
  const { source, kinds, bytes } = result.manifest;
  for (const problem of result.problems) io.warn(`skipped: ${problem}`);
  const size = bytes ? `${(bytes / 1024 / 1024).toFixed(1)} MB index` : '';
  io.result(
    {
      source,
      kinds: kinds.length,
      fromCache: result.fromCache,
      milliseconds: result.milliseconds,
      bytes,
      problems: result.problems,
    },
    `imported ${source.name} ${source.version}: ${kinds.length} kinds (${result.fromCache ? 'from the user cache' : 'derived'}, ${result.milliseconds} ms${size ? `, ${size}` : ''})`,
  );
  return 0;
}

async function runList(io: CliIO): Promise<number> {
  const { SchemaStore } = await import('../../schemas/store.js');
  const { readProjectIndex } = await import('../../schemas/project-index.js');
  const projectRoot = await projectRootOf(io);
  const store = await SchemaStore.open(projectRoot);
  const index = await readProjectIndex(projectRoot);
  const cloudFormation = await store.ensureCloudFormation();
  const rows = [
    ...store.packs
      .filter((pack) => pack !== cloudFormation)
      .map((pack) => ({
        name: pack.source.name,
        version: pack.source.version,
        tool: pack.source.tool,
        kinds: pack.kinds,
        groups: pack.groups,
        origin: index.packs.find((indexed) => indexed.id === pack.id)?.origin ?? pack.source.origin,
      })),
    ...(cloudFormation
      ? [
          {
            name: cloudFormation.source.name,
            version: cloudFormation.source.version,
            tool: 'cloudformation',
            kinds: cloudFormation.kinds,
            groups: cloudFormation.groups,
            origin: cloudFormation.source.origin,
          },
        ]
      : []),
  ];
  const human = [
    ...rows.map(
      (row) =>
        `${io.style.bold(`${row.name} ${row.version}`)}  ${row.tool}  ${row.kinds} kinds in ${row.groups} groups  ${io.style.dim(row.origin)}`,
    ),
    ...store.problems.map((problem) => io.style.yellow(problem)),
    rows.some((row) => row.tool === 'terraform')
      ? ''
      : io.style.dim(
          'no Terraform provider schema imported: `tofu providers schema -json > aws.json && infrakit schemas import aws.json`',
        ),
  ].filter(Boolean);
  io.result({ sources: rows, problems: store.problems }, human.join('\n'));
  return 0;
}

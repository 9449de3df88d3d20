import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

/** `infrakit schema show|search`: the lookups the IaC Engineer uses, on the command line. */
export const schemaCommand: CommandDefinition = (program: Command) => {
  const schema = program
    .command('schema')
    .description('look up resource types and fields in the imported provider schemas');
  const show = schema
    .command('show')
    .description('show a resource (versions, required and top-level fields) or one field with --field')
    .argument(
      '<apiVersionOrType>',
      'e.g. keyspaces.aws.m.upbound.io/v1beta1, AWS::S3::Bucket or aws_s3_bucket',
    )
    .argument('[kind]', 'the kind, for Kubernetes/Crossplane resources')
    .option('--field <path>', 'a dotted field path, e.g. spec.forProvider.pointInTimeRecovery')
    .action(action(runShow));
  withExamples(
    show,
    'infrakit schema show keyspaces.aws.m.upbound.io/v1beta1 Table',
    'infrakit schema show AWS::S3::Bucket --field VersioningConfiguration.Status',
  );
  const search = schema
    .command('search')
    .description('find resource types by words in their group, kind or type')
    .argument('<term...>', 'words to match')
    .action(action(runSearch));
  withExamples(search, 'infrakit schema search keyspace table', 'infrakit schema search s3 bucket');
};

async function openStore(io: CliIO) {
  const [{ SchemaStore }, { findProjectRoot }] = await Promise.all([
    import('../../schemas/store.js'),
    import('../../project/project-root.js'),
  ]);
  return SchemaStore.open((await findProjectRoot(io.cwd)) ?? io.cwd);
}

async function runShow(
  io: CliIO,
  flags: { field?: string },
  apiVersionOrType: string,
  kind?: string,
): Promise<number> {
  const { describeField, describeResource } = await import('../../schemas/describe.js');
  const store = await openStore(io);
  if (flags.field) {
    const field = await describeField(store, apiVersionOrType, kind, flags.field);
    if ('error' in field) return fail(io, field.error);
    const lines = [
      `${io.style.bold(field.path)}: ${field.type}${field.required ? io.style.yellow(' (required)') : ''}`,
      field.description ? io.style.dim(field.description) : '',
      ...field.children.map(
        (child) => `  ${child.name}: ${child.type}${child.required ? ' (required)' : ''}`,
      ),
    ];
    io.result(field, lines.filter(Boolean).join('\n'));
    return 0;
  }
  const resource = await describeResource(store, apiVersionOrType, kind);
  if ('error' in resource) return fail(io, resource.error);
  const lines = [
    `${io.style.bold(resource.apiVersion ? `${resource.apiVersion} ${resource.kind}` : resource.type)}  ${resource.scope ?? ''}  ${io.style.dim(resource.source)}`,
    `served versions: ${resource.versions.join(', ')}`,
    resource.required.length ? `required: ${resource.required.join(', ')}` : '',
    `fields${resource.fieldsPath ? ` under ${resource.fieldsPath}` : ''}:`,
    ...resource.fields.map((field) => `  ${field.name}: ${field.type}${field.required ? ' (required)' : ''}`),
  ];
  io.result(resource, lines.filter(Boolean).join('\n'));
  return 0;
}

async function runSearch(io: CliIO, _flags: object, terms: string[]): Promise<number> {
  const { listResourceTypes } = await import('../../schemas/describe.js');
  const matches = await listResourceTypes(await openStore(io), terms.join(' '));
  const lines = matches.map(
    (match) =>
      `${match.apiVersion ? `${match.apiVersion} ${match.kind}` : match.type}  ${io.style.dim(`${match.scope ?? match.tool} · ${match.source}`)}`,
  );
  io.result(matches, lines.length ? lines.join('\n') : `no resource type matches "${terms.join(' ')}"`);
  return matches.length ? 0 : 4;
}

function fail(io: CliIO, message: string): number {
  io.result({ error: message }, io.style.red(message));
  return 4;
}

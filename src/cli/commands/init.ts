import { Option, type Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';
import { AGENT_NAMES } from '../../agents/agent-names.js';
import { missingAgentError } from '../../agents/agent-option.js';

interface InitFlags {
  iac: 'crossplane' | 'terraform' | 'cloudformation';
  provider: 'aws';
  region?: string;
  force?: boolean;
  git: boolean;
  /** `--no-schemas`: do not search for and import the provider schemas. */
  schemas: boolean;
  inParentRepo?: boolean;
  /** `--ai <agent>`: also register the MCP server with a coding agent (src/agents/). */
  ai?: string | boolean;
}

const DESCRIBED: Record<string, string> = {
  '.infrakit/context.md': 'provider, region, naming, environments and their baselines, compliance',
  '.infrakit/coding-style.md': 'layout, version pinning, validator',
  '.infrakit/tagging-standard.md': 'the mandatory tags and where their values come from',
  '.gitignore': 'caches, locks, state and local secrets stay out of git',
};

const NEXT_COMMAND = {
  crossplane: 'infrakit new-composition <name>',
  terraform: 'infrakit create-terraform-code <name>',
  cloudformation: 'infrakit create-cloudformation-code <name>',
} as const;

/** `infrakit init <dir> --iac <tool>`: a new project with its constraints, fully offline. */
export const initCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('init')
    .description(
      'create a project: the three constraint files, the output folder, .gitignore, one git commit',
    )
    .argument('<dir>', 'the project directory ("." for the current one)')
    .addOption(
      new Option('--iac <tool>', 'the IaC tool to generate')
        .choices(['crossplane', 'terraform', 'cloudformation'])
        .makeOptionMandatory(),
    )
    .addOption(new Option('--provider <cloud>', 'the cloud provider').choices(['aws']).default('aws'))
    .option('--region <region>', 'default region written to context.md', 'us-east-1')
    .option('--force', 'write into a non-empty directory (overwrites infrakit files of the same name)')
    .option('--no-git', 'do not run git init or commit')
    .option(
      '--no-schemas',
      'do not look for the provider schemas verify needs ($INFRAKIT_CRDS, CRD folders beside the project, the kubectl cluster, crossplane xpkg extract)',
    )
    .option(
      '--in-parent-repo',
      'commit into the git repository that already contains <dir> (a monorepo folder); without it such a <dir> is refused',
    )
    .addOption(
      new Option(
        '--ai [agent]',
        'also register the infrakit MCP server with a coding agent (no value: list them)',
      ).choices(AGENT_NAMES),
    )
    .on('option:ai', (value: unknown) => {
      if (typeof value !== 'string') throw missingAgentError();
    })
    .action(action(runInit));
  withExamples(
    command,
    'infrakit init my-infra --iac crossplane',
    'infrakit init . --iac terraform --no-git',
    'INFRAKIT_CRDS=~/crds infrakit init my-infra --iac crossplane',
    'infrakit init infra --iac terraform --in-parent-repo',
    'infrakit init my-infra --iac crossplane --ai claude',
  );
};

async function runInit(io: CliIO, flags: InitFlags, directory: string): Promise<number> {
  const [{ initProject }, { packageRoot }, { join, relative }, agents, schemaView] = await Promise.all([
    import('../../project/init.js'),
    import('../../util/package-root.js'),
    import('node:path'),
    import('../../agents/index.js'),
    import('../init-schemas-view.js'),
  ]);
  const agent = flags.ai === undefined ? undefined : agents.parseAgentOption(flags.ai);
  // `init --ai` again in a project: only the agent's files, infrakit's updated and the user's kept.
  const existing = agent && !flags.force ? await agents.existingProjectRoot(io.cwd, directory) : undefined;
  if (agent && existing) {
    const refresh = await agents.refreshAgentFiles({ root: existing, agent, git: flags.git });
    const { showAgentRefresh } = await import('../init-agent-view.js');
    return showAgentRefresh(io, refresh, `infrakit init ${directory} --iac ${flags.iac} --ai ${agent}`);
  }
  const result = await initProject({
    directory,
    cwd: io.cwd,
    iac: flags.iac,
    provider: flags.provider,
    region: flags.region,
    force: flags.force,
    git: flags.git,
    inParentRepository: Boolean(flags.inParentRepo),
    templatesDirectory: join(packageRoot(), 'templates'),
    extraWriters: agent ? [agents.agentInitWriter(agent)] : [],
  });
  const schemas = flags.schemas
    ? await (
        await import('../../schemas/discover/prepare-schemas.js')
      ).prepareProjectSchemas({ projectRoot: result.root, iac: result.iac, env: io.env })
    : undefined;
  const shown = relative(io.cwd, result.root) || '.';
  const width = Math.max(...result.files.map((file) => file.length));
  const lines = [
    io.style.green(`Created a ${result.iac} project in ${shown}/`),
    ...result.files.map((file) =>
      `  ${file.padEnd(width)}  ${io.style.dim(DESCRIBED[file] ?? (file.endsWith('/README.md') ? 'generated code goes in this folder' : ''))}`.trimEnd(),
    ),
    result.git
      ? `  git: ${result.git.initialised ? 'new repository, ' : ''}${result.git.commit ? `committed ${result.git.commit.slice(0, 7)}` : 'nothing new to commit'}`
      : '  git: skipped (--no-git)',
    ...schemaView.schemaLines(result.iac, schemas, io.style),
    '',
    'Next:',
    ...(shown === '.' ? [] : [`  cd ${shown}`]),
    ...schemaView.schemaSteps(schemas, io.style),
    `  infrakit setup          ${io.style.dim('# a dozen questions to fit the rules to your team')}`,
    `  infrakit doctor         ${io.style.dim(`# check the tools ${result.iac} needs`)}`,
    `  ${NEXT_COMMAND[result.iac]}`,
    ...(agent
      ? [
          `  open the project in ${agents.AGENT_LABELS[agent]}: it starts "infrakit mcp" itself (docs/agents.md)`,
        ]
      : []),
  ];
  io.result(
    {
      root: result.root,
      iac: result.iac,
      files: result.files,
      git: result.git ?? null,
      schemas: schemas ?? null,
    },
    lines.join('\n'),
  );
  return 0;
}

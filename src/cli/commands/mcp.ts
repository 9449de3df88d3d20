import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

interface McpFlags {
  allowWrite?: boolean;
}

/** `infrakit mcp`: InfraKit's schema lookups, verify, review, constraints and track status for coding agents. */
export const mcpCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('mcp')
    .description(
      "serve infrakit's schema lookups and checks to coding agents (Model Context Protocol over stdio)",
    )
    .option(
      '--allow-write',
      'add the write_file tool (paths confined to the project, .git/ and .infrakit/ refused)',
    )
    .action(action(runMcp));
  command.addHelpText(
    'after',
    '\nAgents start this command themselves; "infrakit init --ai <agent>" writes their configuration.\n' +
      'stdout carries the protocol only; diagnostics go to stderr. See docs/agents.md.\n',
  );
  withExamples(command, 'infrakit mcp', 'infrakit mcp --cwd ~/my-infra --allow-write');
};

async function runMcp(io: CliIO, flags: McpFlags): Promise<number> {
  // stdout belongs to the protocol: anything printed by accident would corrupt it.
  const log = (line: string) => process.stderr.write(`infrakit mcp: ${line}\n`);
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  const [{ realpath, stat }, { join }, { packageVersion }, errors, backends, server, stdio] =
    await Promise.all([
      import('node:fs/promises'),
      import('node:path'),
      import('../package-version.js'),
      import('../../errors/index.js'),
      import('../../mcp/backends.js'),
      import('../../mcp/server.js'),
      import('../../mcp/serve-stdio.js'),
    ]);
  const isDirectory = await stat(io.cwd).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    throw new errors.UsageError(`--cwd "${io.cwd}" is not a directory`, {
      hint: 'Point --cwd at the project folder.',
    });
  }
  const projectRoot = await realpath(io.cwd);
  if (!(await stat(join(projectRoot, '.infrakit')).catch(() => undefined))) {
    log(
      `${projectRoot} has no .infrakit/ folder: constraints and review will fail until "infrakit init" is run there`,
    );
  }
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${String(reason)}`));
  const mcpServer = await server.createInfrakitMcpServer({
    context: { projectRoot, backends: await backends.defaultBackends(), log },
    version: packageVersion(),
    allowWrite: Boolean(flags.allowWrite),
  });
  log(`serving ${projectRoot} over stdio (${servedWrites(Boolean(flags.allowWrite))})`);
  await stdio.serveOverStdio(mcpServer);
  return 0;
}

/** What the server may write, said on stderr at start: the step tools always commit track files. */
function servedWrites(allowWrite: boolean): string {
  const tracks = 'the track tools write and commit .infrakit/tracks/';
  return allowWrite ? `${tracks}; write_file enabled` : `${tracks}; no other file is written`;
}

/** How an agent starts the InfraKit MCP server: a command and its arguments. */
export interface ServerLaunch {
  command: string;
  args: string[];
}

/** The name every agent config registers the server under. */
export const SERVER_NAME = 'infrakit';

/**
 * The default launch: `npx -y infrakit mcp`. npx prefers the project's own installed copy, so a
 * project that pins infrakit as a dev dependency gets that version.
 */
export function defaultLaunch(): ServerLaunch {
  return { command: 'npx', args: ['-y', 'infrakit', 'mcp'] };
}

/** The launch with `--cwd <dir>` appended, for agents that do not start servers in the project folder. */
export function launchInDirectory(launch: ServerLaunch, directory: string): ServerLaunch {
  return { command: launch.command, args: [...launch.args, '--cwd', directory] };
}

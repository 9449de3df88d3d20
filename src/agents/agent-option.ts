import { UsageError } from '../errors/index.js';
import { AGENT_DESCRIPTIONS, AGENT_NAMES, isAgentName, type AgentName } from './agent-names.js';

/** The choices, one per line, aligned: `  claude   Claude Code: .mcp.json + CLAUDE.md`. */
export function agentChoicesText(): string {
  const width = Math.max(...AGENT_NAMES.map((name) => name.length));
  return AGENT_NAMES.map((name) => `  ${name.padEnd(width)}  ${AGENT_DESCRIPTIONS[name]}`).join('\n');
}

/** The usage error for `--ai` given without an agent: it lists the choices (exit 2). */
export function missingAgentError(): UsageError {
  return new UsageError(`--ai needs the name of a coding agent. The choices are:\n${agentChoicesText()}`, {
    hint: 'Example: infrakit init my-infra --iac crossplane --ai claude',
  });
}

/** Parses the `--ai` value (commander has checked the choices), or throws a UsageError listing them. */
export function parseAgentOption(value: unknown): AgentName {
  if (typeof value !== 'string') throw missingAgentError();
  if (!isAgentName(value)) {
    throw new UsageError(
      `--ai "${value}" is not an agent infrakit knows. The choices are:\n${agentChoicesText()}`,
      {
        hint: 'Pick "generic" for any other MCP client.',
      },
    );
  }
  return value;
}

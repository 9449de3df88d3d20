/**
 * The coding agents `infrakit init --ai` can register the MCP server with. Kept free of heavy
 * imports: the init command reads it at start-up to build its --help.
 */
export const AGENT_NAMES = ['claude', 'codex', 'gemini', 'copilot', 'cursor', 'generic'] as const;

/** One supported agent name. */
export type AgentName = (typeof AGENT_NAMES)[number];

/** True when `value` names a supported agent. */
export function isAgentName(value: unknown): value is AgentName {
  return typeof value === 'string' && (AGENT_NAMES as readonly string[]).includes(value);
}

/** One line per agent, shown by `infrakit init --ai` without a value. */
export const AGENT_DESCRIPTIONS: Record<AgentName, string> = {
  claude: 'Claude Code: .mcp.json + CLAUDE.md',
  codex: 'OpenAI Codex CLI: .codex/config.toml + AGENTS.md',
  gemini: 'Gemini CLI: .gemini/settings.json + GEMINI.md',
  copilot: 'GitHub Copilot in VS Code: .vscode/mcp.json + .github/copilot-instructions.md',
  cursor: 'Cursor: .cursor/mcp.json + .cursor/rules/infrakit.mdc',
  generic: 'any other MCP client: mcp.json + AGENTS.md',
};

/** The product name of each agent, as shown in messages. */
export const AGENT_LABELS: Record<AgentName, string> = {
  claude: 'Claude Code',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  copilot: 'VS Code (Copilot agent mode)',
  cursor: 'Cursor',
  generic: 'your MCP client',
};

import type { AgentFile, ExistingFiles } from './agent-file.js';
import {
  AGENT_COMMANDS,
  ARGUMENTS,
  REVIEW_SUBAGENTS,
  reviewSubagentBody,
  type AgentCommand,
} from './agent-commands.js';
import { contentHash } from './agent-manifest.js';
import type { AgentName } from './agent-names.js';

/** The marker in every command file infrakit writes: only files that carry it are replaced on a re-run. */
export const MANAGED_MARKER = 'infrakit:managed';

const MARKER_LINE = `<!-- ${MANAGED_MARKER}: written by "infrakit init --ai"; this file is replaced on the next run. Remove this line to keep your own version. -->`;
const TOML_MARKER_LINE = `# ${MANAGED_MARKER}: written by "infrakit init --ai"; replaced on the next run. Remove this line to keep your own version.`;

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yamlString = (text: string): string => JSON.stringify(text);

/** A TOML multi-line literal string (no escapes at all); it cannot hold three single quotes. */
function tomlLiteral(text: string): string {
  if (text.includes("'''"))
    throw new Error("a command prompt may not contain ''' (TOML literal strings cannot hold it)");
  return `'''\n${text}\n'''`;
}

function markdownWithFrontMatter(fields: Record<string, string>, body: string): string {
  const front = Object.entries(fields).map(([key, value]) => `${key}: ${yamlString(value)}`);
  return ['---', ...front, '---', MARKER_LINE, '', body, ''].join('\n');
}

/** Each agent's own command format (docs/agents.md names the documentation of each). */
const RENDERERS: Record<AgentName, (command: AgentCommand) => AgentFile> = {
  // Claude Code: .claude/commands/<name>.md, front matter description + argument-hint, $ARGUMENTS.
  claude: (command) => ({
    path: `.claude/commands/${command.name}.md`,
    content: markdownWithFrontMatter(
      { description: command.description, 'argument-hint': command.argumentHint },
      command.body('mcp', true).replace(ARGUMENTS, '$ARGUMENTS'),
    ),
  }),
  // Codex custom prompts: front matter description + argument-hint, $ARGUMENTS; Codex reads them from ~/.codex/prompts.
  codex: (command) => ({
    path: `.codex/prompts/${command.name}.md`,
    content: markdownWithFrontMatter(
      { description: command.description, 'argument-hint': command.argumentHint },
      command.body('mcp', false).replace(ARGUMENTS, '$ARGUMENTS'),
    ),
  }),
  // Gemini CLI: .gemini/commands/infrakit/<name>.toml (invoked /infrakit:<name>), description + prompt, {{args}}.
  gemini: (command) => ({
    path: `.gemini/commands/infrakit/${command.name.replace(/^infrakit-/, '')}.toml`,
    content: [
      TOML_MARKER_LINE,
      `description = ${JSON.stringify(command.description)}`,
      `prompt = ${tomlLiteral(command.body('mcp', false).replace(ARGUMENTS, '{{args}}'))}`,
      '',
    ].join('\n'),
  }),
  // GitHub Copilot prompt files (https://code.visualstudio.com/docs/copilot/customization/prompt-files):
  // .github/prompts/<name>.prompt.md, front matter agent (formerly mode) + description + argument-hint, ${input:...}.
  copilot: (command) => ({
    path: `.github/prompts/${command.name}.prompt.md`,
    content: markdownWithFrontMatter(
      { agent: 'agent', description: command.description, 'argument-hint': command.argumentHint },
      command.body('mcp', false).replace(ARGUMENTS, `\${input:arguments:${command.argumentHint}}`),
    ),
  }),
  // Cursor commands: plain markdown in .cursor/commands/<name>.md; the text after the command is the argument.
  cursor: (command) => ({
    path: `.cursor/commands/${command.name}.md`,
    content: [
      MARKER_LINE,
      '',
      command
        .body('mcp', false)
        .replace(ARGUMENTS, `(the text the user typed after /${command.name}: ${command.argumentHint})`),
      '',
    ].join('\n'),
  }),
  // Any other agent with a shell: plain markdown prompts that use the CLI.
  generic: (command) => ({
    path: `.infrakit/agent-commands/${command.name}.md`,
    content: [
      MARKER_LINE,
      `# ${command.description}`,
      '',
      command.body('shell', false).replace(ARGUMENTS, `<${command.argumentHint}>`),
      '',
    ].join('\n'),
  }),
};

/** Claude Code subagents (.claude/agents/<name>.md: name, description, tools) for the two reviews. */
function claudeSubagents(): AgentFile[] {
  return REVIEW_SUBAGENTS.map((reviewer) => ({
    path: `.claude/agents/infrakit-${reviewer.persona}.md`,
    content: markdownWithFrontMatter(
      {
        name: `infrakit-${reviewer.persona}`,
        description: `Answers one pending infrakit ${reviewer.title} review step in its own context. Use it for each pending ${reviewer.persona} step of an infrakit track.`,
        tools:
          'mcp__infrakit__track_submit_step, mcp__infrakit__describe_resource, mcp__infrakit__describe_field, mcp__infrakit__constraints',
      },
      reviewSubagentBody(reviewer.title),
    ),
  }));
}

/** Every command file infrakit offers this agent, before merging with what is on disk. */
function offeredFiles(agent: AgentName): AgentFile[] {
  return [...AGENT_COMMANDS.map(RENDERERS[agent]), ...(agent === 'claude' ? claudeSubagents() : [])];
}

/** The command file paths for this agent (read them before writing). */
export const commandFilePaths = (agent: AgentName): string[] => offeredFiles(agent).map((file) => file.path);

/** What a re-run of `init --ai` does with one file. */
export type AgentFileStatus =
  | 'written' // absent, now written
  | 'updated' // as infrakit wrote it (or carrying the marker, before the manifest), replaced
  | 'unchanged' // already the current version
  | 'merged' // a shared config or instruction file: infrakit's entry or section replaced, the rest kept
  | 'edited' // infrakit wrote it and the user changed it since: kept
  | 'yours'; // the user's own file at this path (no marker, never written by infrakit): kept

/** One file of the plan: its new content, and whether it is written. */
export interface PlannedAgentFile extends AgentFile {
  status: AgentFileStatus;
}

/** Statuses whose file is left exactly as it is. */
export const KEPT: ReadonlySet<AgentFileStatus> = new Set(['edited', 'yours']);

/**
 * What to do with each command file. A file is written when absent; replaced when its content is
 * what infrakit last wrote there (the manifest's hash) or, with no manifest entry, when it carries
 * the marker; kept when the user edited it since infrakit wrote it, or when it is the user's own.
 */
export function planCommandFiles(
  agent: AgentName,
  existing: ExistingFiles,
  written: Readonly<Record<string, string>>,
): PlannedAgentFile[] {
  return offeredFiles(agent).map((file): PlannedAgentFile => {
    const current = existing[file.path];
    if (current === undefined) return { ...file, status: 'written' };
    if (current === file.content) return { ...file, status: 'unchanged' };
    const recorded = written[file.path];
    if (recorded !== undefined)
      return { ...file, status: recorded === contentHash(current) ? 'updated' : 'edited' };
    return { ...file, status: current.includes(MANAGED_MARKER) ? 'updated' : 'yours' };
  });
}

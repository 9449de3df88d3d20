import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AGENT_COMMANDS, DONE_RULE } from '../../src/agents/agent-commands.js';
import { agentFiles, AGENT_NAMES, type AgentName } from '../../src/agents/index.js';
import { MANAGED_MARKER } from '../../src/agents/command-files.js';

const python = spawnSync('python3', ['-c', 'import tomllib'], { encoding: 'utf8' });
const noToml =
  python.status === 0 ? undefined : 'python3 with tomllib (3.11+) is not available to parse TOML';
if (noToml) console.warn(`skipped: ${noToml}`);
const parseToml = (text: string): Record<string, unknown> =>
  JSON.parse(
    spawnSync(
      'python3',
      ['-c', 'import sys, json, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'],
      {
        input: text,
        encoding: 'utf8',
      },
    ).stdout,
  );

/** Splits `---` YAML front matter from the body; the front matter must open the file. */
function frontMatter(text: string): { fields: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no front matter at the start of:\n${text.slice(0, 200)}`);
  return { fields: parseYaml(match[1]) as Record<string, unknown>, body: match[2] };
}

const commandsOf = (agent: AgentName, prefix: string) =>
  agentFiles(agent).filter((file) => file.path.startsWith(prefix));

describe("the agent command files, in each agent's documented format", () => {
  it('Claude Code: .claude/commands/*.md with description and argument-hint, $ARGUMENTS, the MCP step tools', () => {
    const files = commandsOf('claude', '.claude/commands/');
    expect(files.map((file) => file.path)).toEqual(
      AGENT_COMMANDS.map((command) => `.claude/commands/${command.name}.md`),
    );
    for (const file of files) {
      const { fields, body } = frontMatter(file.content);
      expect(Object.keys(fields)).toEqual(['description', 'argument-hint']);
      expect(typeof fields.description).toBe('string');
      expect(body).toContain('$ARGUMENTS');
      expect(body).toContain(DONE_RULE);
    }
    const start = files.find((file) => file.path.endsWith('infrakit-new-composition.md'))!.content;
    expect(start).toContain('`track_start` with `tool: "crossplane"`');
    expect(start).toContain('`infrakit-architect`');
  });

  it('Claude Code: a subagent per review, with name, description and tools', () => {
    const agents = commandsOf('claude', '.claude/agents/');
    expect(agents.map((file) => file.path)).toEqual([
      '.claude/agents/infrakit-architect.md',
      '.claude/agents/infrakit-security-engineer.md',
    ]);
    for (const file of agents) {
      const { fields, body } = frontMatter(file.content);
      expect(Object.keys(fields)).toEqual(['name', 'description', 'tools']);
      expect(file.path).toBe(`.claude/agents/${fields.name}.md`);
      expect(String(fields.tools).split(', ')).toContain('mcp__infrakit__track_submit_step');
      expect(body).toContain("You never see another reviewer's answer");
      expect(body).toContain(DONE_RULE);
    }
  });

  it('Codex: custom prompts with description and argument-hint front matter and $ARGUMENTS', () => {
    for (const file of commandsOf('codex', '.codex/prompts/')) {
      const { fields, body } = frontMatter(file.content);
      expect(Object.keys(fields)).toEqual(['description', 'argument-hint']);
      expect(body).toContain('$ARGUMENTS');
      expect(body).toContain(DONE_RULE);
    }
  });

  it.skipIf(Boolean(noToml))(
    'Gemini CLI: .gemini/commands/infrakit/*.toml with description and prompt, {{args}}',
    () => {
      const files = commandsOf('gemini', '.gemini/commands/infrakit/');
      expect(files).toHaveLength(AGENT_COMMANDS.length);
      for (const file of files) {
        const parsed = parseToml(file.content);
        expect(Object.keys(parsed).sort()).toEqual(['description', 'prompt']);
        expect(String(parsed.prompt)).toContain('{{args}}');
        expect(String(parsed.prompt)).toContain(DONE_RULE);
      }
    },
  );

  it('GitHub Copilot: .github/prompts/*.prompt.md with agent, description and argument-hint, an ${input:...} argument', () => {
    for (const file of commandsOf('copilot', '.github/prompts/')) {
      expect(file.path).toMatch(/\.prompt\.md$/);
      const { fields, body } = frontMatter(file.content);
      // VS Code's prompt-file fields: description, name, argument-hint, agent (it replaced mode), model, tools.
      expect(Object.keys(fields)).toEqual(['agent', 'description', 'argument-hint']);
      expect(fields.agent).toBe('agent');
      expect(typeof fields.description).toBe('string');
      expect(body).toMatch(/\$\{input:arguments:[^}]+\}/);
      expect(body).toContain(DONE_RULE);
    }
  });

  it('Cursor: plain markdown commands in .cursor/commands/; generic: CLI prompts', () => {
    for (const file of commandsOf('cursor', '.cursor/commands/')) {
      expect(file.content.startsWith('---')).toBe(false);
      expect(file.content).toContain(DONE_RULE);
    }
    const generic = commandsOf('generic', '.infrakit/agent-commands/');
    expect(generic).toHaveLength(AGENT_COMMANDS.length);
    expect(generic.find((file) => file.path.endsWith('infrakit-new-terraform.md'))!.content).toContain(
      'npx infrakit step start <kebab-case-name> --iac terraform',
    );
  });

  it.each(AGENT_NAMES)(
    '%s: every command file carries the marker and says infrakit decides done',
    (agent) => {
      const files = agentFiles(agent).filter((file) => file.content.includes(MANAGED_MARKER));
      expect(files.length).toBeGreaterThanOrEqual(AGENT_COMMANDS.length);
      for (const file of files) expect(file.content).toContain('infrakit, not you, decides `done`');
    },
  );

  it("a re-run replaces infrakit's own files and keeps the user's", () => {
    const ours = '.claude/commands/infrakit-plan.md';
    const theirs = '.claude/commands/infrakit-review.md';
    const existing = {
      [ours]: `---\ndescription: old\n---\n<!-- ${MANAGED_MARKER}: old -->\nold text\n`,
      [theirs]: '---\ndescription: my own review\n---\nmine\n',
    };
    const paths = agentFiles('claude', existing).map((file) => file.path);
    expect(paths).toContain(ours);
    expect(paths).not.toContain(theirs);
    expect(agentFiles('claude', existing).find((file) => file.path === ours)!.content).not.toContain(
      'old text',
    );
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AGENT_NAMES, agentFilePaths, agentFiles, type AgentName } from '../../src/agents/index.js';
import { SECTION_BEGIN, SECTION_END } from '../../src/agents/instructions.js';

const fileOf = (agent: AgentName, path: string, existing = {}) => {
  const file = agentFiles(agent, existing).find((candidate) => candidate.path === path);
  if (!file) throw new Error(`${agent} wrote no ${path}`);
  return file.content;
};

/** Parses TOML with Python's standard tomllib, the only TOML parser on the machine. */
const python = spawnSync('python3', ['-c', 'import tomllib'], { encoding: 'utf8' });
const tomlAvailable = python.status === 0;
if (!tomlAvailable) console.warn('skipped: TOML parse checks need python3 >= 3.11 (tomllib)');
const parseToml = (text: string): unknown => {
  const result = spawnSync(
    'python3',
    ['-c', 'import sys, json, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'],
    {
      input: text,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`invalid TOML: ${result.stderr}`);
  return JSON.parse(result.stdout);
};

describe('agent config writers', () => {
  it('writes exactly the declared paths for every agent', () => {
    for (const agent of AGENT_NAMES) {
      expect(agentFiles(agent).map((file) => file.path)).toEqual(agentFilePaths(agent));
    }
  });

  it('claude: .mcp.json registers a stdio server that runs "infrakit mcp"', () => {
    const config = JSON.parse(fileOf('claude', '.mcp.json'));
    expect(config).toEqual({
      mcpServers: { infrakit: { type: 'stdio', command: 'npx', args: ['-y', 'infrakit', 'mcp'], env: {} } },
    });
    expect(fileOf('claude', 'CLAUDE.md')).toContain('describe_field');
  });

  it('cursor: .cursor/mcp.json pins the workspace folder and the rule always applies', () => {
    const config = JSON.parse(fileOf('cursor', '.cursor/mcp.json'));
    expect(config.mcpServers.infrakit).toEqual({
      command: 'npx',
      args: ['-y', 'infrakit', 'mcp', '--cwd', '${workspaceFolder}'],
    });
    const rule = fileOf('cursor', '.cursor/rules/infrakit.mdc');
    expect(rule.startsWith('---\ndescription: ')).toBe(true);
    expect(rule).toContain('alwaysApply: true');
    expect(rule).toContain('`verify`');
  });

  it('gemini: .gemini/settings.json keeps the user settings already there', () => {
    const existing = {
      '.gemini/settings.json': JSON.stringify({ theme: 'Dracula', mcpServers: { other: { command: 'x' } } }),
    };
    const config = JSON.parse(fileOf('gemini', '.gemini/settings.json', existing));
    expect(config.theme).toBe('Dracula');
    expect(config.mcpServers.other).toEqual({ command: 'x' });
    expect(config.mcpServers.infrakit).toEqual({ command: 'npx', args: ['-y', 'infrakit', 'mcp'] });
  });

  it('copilot: .vscode/mcp.json uses "servers" with type stdio', () => {
    const config = JSON.parse(fileOf('copilot', '.vscode/mcp.json'));
    expect(Object.keys(config)).toEqual(['servers']);
    expect(config.servers.infrakit.type).toBe('stdio');
    expect(config.servers.infrakit.args).toEqual(['-y', 'infrakit', 'mcp', '--cwd', '${workspaceFolder}']);
    expect(fileOf('copilot', '.github/copilot-instructions.md')).toContain('describe_field');
  });

  it('generic: mcp.json and AGENTS.md', () => {
    expect(JSON.parse(fileOf('generic', 'mcp.json')).mcpServers.infrakit.command).toBe('npx');
    expect(fileOf('generic', 'AGENTS.md')).toContain(SECTION_BEGIN);
  });

  it('refuses to merge into a JSON config that is not JSON, naming the file', () => {
    expect(() => agentFiles('claude', { '.mcp.json': '{ // comment' })).toThrow(
      /\.mcp\.json: is not valid JSON/,
    );
    expect(() => agentFiles('claude', { '.mcp.json': '{"mcpServers": []}' })).toThrow(
      /mcpServers: expected an object/,
    );
  });
});

describe.skipIf(!tomlAvailable)('codex TOML', () => {
  it('writes a valid [mcp_servers.infrakit] table', () => {
    const config = parseToml(fileOf('codex', '.codex/config.toml')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(config).toEqual({
      mcp_servers: { infrakit: { command: 'npx', args: ['-y', 'infrakit', 'mcp'] } },
    });
    expect(fileOf('codex', 'AGENTS.md')).toContain('`verify`');
  });

  it('replaces its own table and keeps the rest of the file, comments included', () => {
    const existing = [
      '# my settings',
      'model = "o4"',
      '',
      '[mcp_servers.infrakit]',
      'command = "old"',
      '[mcp_servers.infrakit.env]',
      'A = "1"',
      '',
      '[mcp_servers.other]',
      'command = "other"',
      '',
    ].join('\n');
    const text = fileOf('codex', '.codex/config.toml', { '.codex/config.toml': existing });
    expect(text).toContain('# my settings');
    expect(parseToml(text)).toEqual({
      model: 'o4',
      mcp_servers: {
        infrakit: { command: 'npx', args: ['-y', 'infrakit', 'mcp'] },
        other: { command: 'other' },
      },
    });
  });

  it('escapes quotes and backslashes in a custom launch', () => {
    const [config] = agentFiles('codex', {}, { command: 'C:\\tools\\node "x"', args: ['a\tb', 'x\u0001y'] });
    expect(parseToml(config.content)).toEqual({
      mcp_servers: { infrakit: { command: 'C:\\tools\\node "x"', args: ['a\tb', 'x\u0001y'] } },
    });
  });
});

describe('instruction files', () => {
  it('appends a managed section to an existing file and replaces it on the next run', () => {
    const first = fileOf('claude', 'CLAUDE.md', { 'CLAUDE.md': '# Team notes\nUse tabs.\n' });
    expect(first.startsWith('# Team notes\nUse tabs.\n\n' + SECTION_BEGIN)).toBe(true);
    const edited = first.replace('Use only fields', 'CHANGED');
    const second = fileOf('claude', 'CLAUDE.md', { 'CLAUDE.md': edited + '\nafter\n' });
    expect(second).toContain('Use only fields');
    expect(second).not.toContain('CHANGED');
    expect(second.split(SECTION_END).length).toBe(2);
    expect(second.endsWith('after\n')).toBe(true);
  });
});

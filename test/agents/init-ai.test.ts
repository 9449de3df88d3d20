import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from '../cli/run-cli.js';

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit init --ai (built CLI)', () => {
  it('without an agent lists the choices and exits 2 before touching anything', async () => {
    const cwd = await temporaryDirectory();
    const result = await runCli(['init', '--ai'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: --ai needs the name of a coding agent. The choices are:');
    for (const agent of ['claude', 'codex', 'gemini', 'copilot', 'cursor', 'generic'])
      expect(result.stderr).toMatch(new RegExp(`^  ${agent} `, 'm'));
  });

  it('rejects an unknown agent with the allowed choices (exit 2)', async () => {
    const cwd = await temporaryDirectory();
    const result = await runCli(['init', 'demo', '--iac', 'terraform', '--ai', 'emacs'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "argument 'emacs' is invalid. Allowed choices are claude, codex, gemini, copilot, cursor, generic.",
    );
  });

  it('writes the agent files into the same single init commit', async () => {
    const cwd = await temporaryDirectory();
    const result = await runCli(['init', 'demo', '--iac', 'terraform', '--ai', 'codex'], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('open the project in Codex: it starts "infrakit mcp" itself');
    const root = join(cwd, 'demo');
    expect(await readFile(join(root, '.codex', 'config.toml'), 'utf8')).toBe(
      '[mcp_servers.infrakit]\ncommand = "npx"\nargs = ["-y", "infrakit", "mcp"]\n',
    );
    expect(await readFile(join(root, 'AGENTS.md'), 'utf8')).toContain('call `describe_field`');
    const git = simpleGit(root);
    expect((await git.log()).total).toBe(1);
    const committed = await git.raw(['show', '--name-only', '--format=', 'HEAD']);
    expect(committed.split('\n')).toEqual(expect.arrayContaining(['.codex/config.toml', 'AGENTS.md']));
  });

  it('with --force in an existing folder, merges into the files already there', async () => {
    const cwd = await temporaryDirectory();
    await mkdir(join(cwd, '.vscode'));
    await writeFile(
      join(cwd, '.vscode', 'mcp.json'),
      JSON.stringify({ servers: { github: { type: 'http', url: 'https://example.test/mcp' } } }),
    );
    const result = await runCli(
      ['init', '.', '--iac', 'crossplane', '--no-git', '--force', '--ai', 'copilot'],
      { cwd },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(cwd, '.vscode', 'mcp.json'), 'utf8'));
    expect(Object.keys(config.servers)).toEqual(['github', 'infrakit']);
    expect(config.servers.infrakit.args).toEqual(['-y', 'infrakit', 'mcp', '--cwd', '${workspaceFolder}']);
    expect(await readFile(join(cwd, '.github', 'copilot-instructions.md'), 'utf8')).toContain('`verify`');
  });

  it('stops with an error naming a config file that is not JSON, writing nothing', async () => {
    const cwd = await temporaryDirectory();
    await writeFile(join(cwd, '.mcp.json'), '{ "mcpServers": { // a comment\n');
    const result = await runCli(
      ['init', '.', '--iac', 'crossplane', '--no-git', '--force', '--ai', 'claude'],
      { cwd },
    );
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('error: .mcp.json: is not valid JSON');
    expect(await readFile(join(cwd, '.mcp.json'), 'utf8')).toBe('{ "mcpServers": { // a comment\n');
  });
});

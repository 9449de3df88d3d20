import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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

describe.skipIf(!cliBuilt)('infrakit init --ai again in a project (built CLI)', () => {
  it("updates infrakit's own files, keeps the user's own and edited ones, deletes nothing, leaves the constraints", async () => {
    const cwd = await temporaryDirectory();
    const first = await runCli(['init', 'demo', '--iac', 'crossplane', '--ai', 'claude'], { cwd });
    expect(first.exitCode, first.stderr).toBe(0);
    const root = join(cwd, 'demo');
    const read = (path: string) => readFile(join(root, path), 'utf8');
    const write = async (path: string, content: string) => {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), content);
    };
    const manifest = JSON.parse(await read('.infrakit/agent-files.json')) as {
      files: Record<string, string>;
    };
    expect(Object.keys(manifest.files)).toContain('.claude/commands/infrakit-plan.md');

    // An older infrakit's version of plan (recorded in the manifest), the user's edit of review,
    // the user's own status command (never written by infrakit) and an unrelated command.
    const older = '---\ndescription: "older"\n---\n<!-- infrakit:managed -->\nolder text\n';
    await write('.claude/commands/infrakit-plan.md', older);
    manifest.files['.claude/commands/infrakit-plan.md'] =
      `sha256:${createHash('sha256').update(older).digest('hex')}`;
    const ownStatus = '---\ndescription: "my status"\n---\nmine\n';
    await write('.claude/commands/infrakit-status.md', ownStatus);
    delete manifest.files['.claude/commands/infrakit-status.md'];
    await write('.infrakit/agent-files.json', JSON.stringify(manifest));
    const edited = `${await read('.claude/commands/infrakit-review.md')}\nAlso check the naming.\n`;
    await write('.claude/commands/infrakit-review.md', edited);
    await write('.claude/commands/mine.md', 'my command\n');
    const context = `${await read('.infrakit/context.md')}\n<!-- my team's note -->\n`;
    await write('.infrakit/context.md', context);
    const git = simpleGit(root);
    await git.add('.');
    await git.commit('my changes');

    // No --force needed: the project exists, so only the agent's files are looked at.
    const again = await runCli(['init', 'demo', '--iac', 'crossplane', '--ai', 'claude', '--json'], { cwd });
    expect(again.exitCode, again.stderr).toBe(0);
    const refresh = JSON.parse(again.stdout) as { files: Array<{ path: string; status: string }> };
    const statusOf = Object.fromEntries(refresh.files.map((file) => [file.path, file.status]));
    expect(statusOf).toMatchObject({
      '.mcp.json': 'unchanged',
      '.claude/commands/infrakit-plan.md': 'updated',
      '.claude/commands/infrakit-review.md': 'edited',
      '.claude/commands/infrakit-status.md': 'yours',
      '.claude/commands/infrakit-implement.md': 'unchanged',
      '.infrakit/agent-files.json': 'updated',
    });
    expect(await read('.claude/commands/infrakit-plan.md')).not.toContain('older text');
    expect(await read('.claude/commands/infrakit-plan.md')).toContain('infrakit, not you, decides `done`');
    expect(await read('.claude/commands/infrakit-review.md')).toBe(edited);
    expect(await read('.claude/commands/infrakit-status.md')).toBe(ownStatus);
    expect(await read('.claude/commands/mine.md')).toBe('my command\n');
    expect(await read('.infrakit/context.md')).toBe(context);
    // One commit with what changed, nothing else.
    const committed = await git.raw(['show', '--name-only', '--format=%s', 'HEAD']);
    expect(committed.split('\n').filter(Boolean).sort()).toEqual([
      '.claude/commands/infrakit-plan.md',
      '.infrakit/agent-files.json',
      'infrakit init --ai claude: agent files updated',
    ]);
    expect(await git.raw(['status', '--porcelain'])).toBe('');

    // The human output says what was kept and how to take the new version.
    const third = await runCli(['init', 'demo', '--iac', 'crossplane', '--ai', 'claude'], { cwd });
    expect(third.exitCode, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/\.claude\/commands\/infrakit-review\.md +kept, edited by you/);
    expect(third.stdout).toMatch(/\.claude\/commands\/infrakit-status\.md +kept, yours/);
    expect(third.stdout).toContain('git: nothing new to commit');
    expect(third.stdout).toContain(
      'delete it (or move it aside) and run "infrakit init demo --iac crossplane --ai claude" again',
    );

    // Taking it: delete, run again, the new version is written and recorded.
    await rm(join(root, '.claude/commands/infrakit-review.md'));
    const taken = await runCli(['init', 'demo', '--iac', 'crossplane', '--ai', 'claude', '--json'], { cwd });
    const takenStatus = (JSON.parse(taken.stdout) as { files: Array<{ path: string; status: string }> })
      .files;
    expect(takenStatus.find((file) => file.path === '.claude/commands/infrakit-review.md')?.status).toBe(
      'written',
    );
    expect(await read('.claude/commands/infrakit-review.md')).not.toContain('Also check the naming.');
  });

  it('a broken manifest is an error naming it and the fix, and nothing is written', async () => {
    const cwd = await temporaryDirectory();
    expect((await runCli(['init', 'demo', '--iac', 'crossplane', '--ai', 'codex'], { cwd })).exitCode).toBe(
      0,
    );
    await writeFile(join(cwd, 'demo', '.infrakit', 'agent-files.json'), '{"version": 2}');
    const result = await runCli(['init', 'demo', '--iac', 'crossplane', '--ai', 'claude'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('.infrakit/agent-files.json is invalid');
    expect(result.stderr).toContain('Delete .infrakit/agent-files.json and run the command again');
    await expect(readFile(join(cwd, 'demo', '.mcp.json'), 'utf8')).rejects.toThrow();
  });
});

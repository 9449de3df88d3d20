import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshAgentFiles } from '../../src/agents/refresh-agent-files.js';

const made: string[] = [];
afterEach(async () => {
  for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'infrakit-refresh-'));
  made.push(path);
  return path;
}

describe('refreshAgentFiles (init --ai in an existing project)', () => {
  it('writes the agent files inside the project', async () => {
    const root = await folder();
    await mkdir(join(root, '.infrakit'));
    await writeFile(join(root, '.infrakit', 'context.md'), '---\niac: terraform\n---\n');
    const refresh = await refreshAgentFiles({ root, agent: 'codex', git: false });
    expect(refresh.files.map((file) => file.path)).toContain('.codex/config.toml');
    expect(await readdir(join(root, '.codex'))).toContain('config.toml');
  });

  it('refuses an agent folder that is a link leading outside the project, writing nothing there', async () => {
    const root = await folder();
    const outside = await folder();
    await mkdir(join(root, '.infrakit'));
    await writeFile(join(root, '.infrakit', 'context.md'), '---\niac: terraform\n---\n');
    await symlink(outside, join(root, '.codex'));
    await expect(refreshAgentFiles({ root, agent: 'codex', git: false })).rejects.toThrow(/outside/);
    expect(await readdir(outside)).toEqual([]);
  });
});

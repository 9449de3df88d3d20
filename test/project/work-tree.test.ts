import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInsideWorkTree, parentWorkTree } from '../../src/project/work-tree.js';

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const CANARY = 'sk-ant-worktree-canary-0123456789abcdef';

describe('work-tree git runs without model keys', () => {
  let base: string;
  let saved: NodeJS.ProcessEnv;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'infrakit-worktree-'));
    saved = { ...process.env };
    // A `git` first on PATH that records the environment it was given, then runs the real git.
    const shim = join(base, 'shim');
    mkdirSync(shim);
    writeFileSync(
      join(shim, 'git'),
      `#!/bin/sh\nenv >> "${join(base, 'seen.env')}"\nexec "${REAL_GIT}" "$@"\n`,
    );
    chmodSync(join(shim, 'git'), 0o755);
    process.env.PATH = `${shim}:${process.env.PATH ?? ''}`;
    process.env.ANTHROPIC_API_KEY = CANARY;
    process.env.OPENAI_API_KEY = CANARY;
  });

  afterEach(() => {
    process.env = saved;
    rmSync(base, { recursive: true, force: true });
  });

  it('isInsideWorkTree and parentWorkTree pass git no ANTHROPIC_API_KEY, OPENAI_API_KEY or key value', async () => {
    const outer = join(base, 'outer');
    mkdirSync(join(outer, 'inner'), { recursive: true });
    execFileSync(REAL_GIT, ['init', '-q', outer]);
    expect(await isInsideWorkTree(join(outer, 'inner'))).toBe(true);
    expect(await parentWorkTree(join(outer, 'inner', 'new'))).toBe(outer);
    const seen = readFileSync(join(base, 'seen.env'), 'utf8');
    expect(seen).toMatch(/^PATH=/m); // the shim ran
    expect(seen).not.toMatch(/ANTHROPIC_API_KEY|OPENAI_API_KEY/);
    expect(seen).not.toContain(CANARY);
  });
});

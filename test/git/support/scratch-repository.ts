import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** The git on the test machine's PATH, run directly by the fixtures (never through the code under test). */
export const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/** The folders of one test: `base` (a scratch folder) and `root`, a fresh repository inside it. */
export interface ScratchRepository {
  base: string;
  root: string;
  /** The environment as it was before the test (each test may change process.env; it is put back). */
  saved: NodeJS.ProcessEnv;
}

/**
 * Gives every test of the file a new repository at `<base>/project` on branch main, and afterwards
 * restores process.env and removes the folder. Read the fields inside a test, not at load time.
 */
export function useScratchRepository(prefix: string): ScratchRepository {
  const scratch: ScratchRepository = { base: '', root: '', saved: { ...process.env } };
  beforeEach(() => {
    scratch.base = mkdtempSync(join(tmpdir(), prefix));
    scratch.root = join(scratch.base, 'project');
    mkdirSync(scratch.root);
    execFileSync(REAL_GIT, ['init', '-q', '--initial-branch=main'], { cwd: scratch.root });
  });
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in scratch.saved)) delete process.env[name];
    Object.assign(process.env, scratch.saved);
    rmSync(scratch.base, { recursive: true, force: true });
  });
  return scratch;
}

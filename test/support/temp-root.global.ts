import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest globalSetup: one temporary folder for the whole run, removed when the run ends.
 * TMPDIR (read by os.tmpdir() at every call, and inherited by the workers and every child process
 * they start: the CLI, git, cfn-lint, checkov) points into it, so nothing a test creates with
 * mkdtemp(tmpdir()) outlives the run, even when the test itself forgets to remove it.
 */
export default function setup(): () => void {
  const previous = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  const root = mkdtempSync(join(tmpdir(), 'infrakit-suite-'));
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the run's temporary root is announced to the workers and to temp-cleanup.setup.ts. */
export const RUN_ROOT_VARIABLE = 'INFRAKIT_TEST_TMP_ROOT';

/**
 * vitest globalSetup: one temporary folder for the whole run, removed when the run ends.
 * TMPDIR (read by os.tmpdir() at every call, and inherited by the workers and every child process
 * they start: the CLI, git, cfn-lint, checkov) points into it, so nothing a test creates with
 * mkdtemp(tmpdir()) outlives the run, even when the test itself forgets to remove it.
 * The config's projects inherit this setup: only the first call creates the root, the others
 * reuse it (a root per project, nested in the one before, was removed under the other's files).
 */
export default function setup(): () => void {
  if (process.env[RUN_ROOT_VARIABLE]) return () => undefined;
  const previous = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  const root = mkdtempSync(join(tmpdir(), 'infrakit-suite-'));
  process.env[RUN_ROOT_VARIABLE] = root;
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    delete process.env[RUN_ROOT_VARIABLE];
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}

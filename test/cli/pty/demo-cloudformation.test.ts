import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeIn, ptySkipReason, REPO, usePtySession } from './terminal.js';

const cfnLintMissing =
  spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0
    ? undefined
    : 'cfn-lint is not on the PATH (python3 -m pip install cfn-lint==1.51.0), so the CloudFormation demo cannot end done';
const skip = ptySkipReason ?? cfnLintMissing;
if (skip) console.warn(`skipping the pseudo-terminal demo test: ${skip}`);

const session = usePtySession();

describe.skipIf(skip !== undefined)('infrakit demo --iac cloudformation in a real terminal', () => {
  it('runs to its end (exit 0), showing the spec, the tasks, the files and every gate result', async () => {
    const home = session.keep(mkdtempSync(join(tmpdir(), 'infrakit-pty-demo-')));
    const terminal = session.open(['demo', '--iac', 'cloudformation'], {
      cwd: REPO,
      env: homeIn(home, {
        INFRAKIT_CACHE_DIR: process.env.INFRAKIT_CACHE_DIR ?? join(tmpdir(), 'infrakit-test-schema-cache'),
      }),
    });
    // In order, as a user reads them.
    await terminal.waitFor('infrakit demo — scripted replay — not a live model');
    await terminal.waitFor('▸ Setting up the project');
    await terminal.waitFor('infrakit init --iac cloudformation');
    await terminal.waitFor('Q1. What will the bucket hold? (scripted)');
    await terminal.waitFor('→ Invoice PDFs for the billing team. Confidential.');
    await terminal.waitFor(/wrote spec\.md \(\d+ lines\): Spec: s3-secure-bucket \(CloudFormation\)/);
    await terminal.waitFor('Cloud Architect: APPROVE WITH CHANGES');
    await terminal.waitFor('▸ IaC Engineer: the plan');
    await terminal.waitFor(/tasks\n\s+T1 Parameters with validation/);
    await terminal.waitFor(/wrote s3-secure-bucket\.yaml \(\d+ lines\)/);
    await terminal.waitFor('▸ The gates (real: nothing here is scripted)');
    await terminal.waitFor(
      /validator ✓ passed: cfn-lint: cfn-lint \d+\.\d+\.\d+ passed on 1 template/,
      180_000,
    );
    await terminal.waitFor('verify ✓ passed: verify: 4 resources in 1 file: every field matches its schema');
    await terminal.waitFor(/policy ✓ passed: policy passed in prod/);
    await terminal.waitFor('done: every gate really ran and passed (validator, verify, policy).');
    expect(await terminal.exited).toBe(0);
    if (process.env.PTY_DEBUG) console.log(terminal.screen());
    const project = /The project: (\S+) \(a temporary folder/.exec(terminal.screen())?.[1];
    expect(project, terminal.screen()).toBeDefined();
    expect(existsSync(join(project!, 'templates', 's3-secure-bucket', 's3-secure-bucket.yaml'))).toBe(true);
    session.keep(dirname(project!));
    expect(terminal.screen()).not.toMatch(/blocked|✗/);
  }, 300_000);
});

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CANARY, cliEnvironment, cliMissing, describeRun, runCli } from './support/cli.js';
import { readState, trackOf } from './support/flow.js';
import { createSandbox, git, type Sandbox } from './support/project.js';
import { caseTally } from './support/case-tally.js';
import { copyCloudFormationExample, plantAppendRules } from './support/planted-config.js';
import { PathEscapeError, writeInside } from '../../src/fs/confine.js';

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const CFN_LINT = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();

const { attempt, failures, print } = caseTally();
afterAll(() => print('R14'));

/**
 * A `git` on PATH that refuses, once, the commit whose staged changes hold the `done` state
 * (the track's final commit), then behaves as the real git.
 */
function failFinalCommitShim(base: string): { path: string; marker: string } {
  const directory = join(base, 'shim');
  mkdirSync(directory, { recursive: true });
  const marker = join(base, 'final-commit-refused');
  writeFileSync(
    join(directory, 'git'),
    [
      '#!/bin/sh',
      'for argument in "$@"; do',
      '  if [ "$argument" = commit ]; then',
      `    if [ ! -e "${marker}" ] && "${REAL_GIT}" diff --cached | grep -q '"done"'; then`,
      `      touch "${marker}"; echo "fatal: unable to write new index file (injected)" >&2; exit 128`,
      '    fi',
      '    break',
      '  fi',
      'done',
      `exec "${REAL_GIT}" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(directory, 'git'), 0o755);
  return { path: `${directory}${delimiter}${process.env.PATH}`, marker };
}

describe.skipIf(cliMissing ?? (CFN_LINT ? undefined : 'cfn-lint is not installed (pip install cfn-lint)'))(
  'R14: a CloudFormation track whose final commit failed',
  () => {
    it('shows the failure, and resume commits the last steps: done with every step committed', async () => {
      const sandbox = createSandbox('infrakit-r14-final-');
      const project = join(sandbox.base, 'demo');
      const shim = failFinalCommitShim(sandbox.base);
      // The CloudFormation demo is the real pipeline with scripted answers: it reaches done here.
      const run = await runCli(['demo', '--iac', 'cloudformation', '--keep', project], {
        cwd: sandbox.base,
        env: cliEnvironment(sandbox, 'http://127.0.0.1:9', { PATH: shim.path }),
      });
      const onDisk: Sandbox = { ...sandbox, root: project };
      const track = trackOf(onDisk);
      const subjects = () => git(project, ['log', '--format=%s']);
      const committed = (number: number) => new RegExp(`(: |; )step ${number} `).test(subjects());
      const before = track ? readState(onDisk) : undefined;
      const uncommittedBefore = before?.steps.filter((step) => !committed(step.number)).map((s) => s.number);
      // Only commits are left: resume needs no model key (the user's shell may have none).
      const keyless = cliEnvironment(onDisk, 'http://127.0.0.1:9');
      for (const name of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'INFRAKIT_OPENAI_COMPATIBLE_API_KEY'])
        delete keyless[name];
      const resume = track ? await runCli(['resume', track], { cwd: project, env: keyless }) : undefined;
      const again = track
        ? await runCli(['resume', track], { cwd: project, env: cliEnvironment(onDisk, 'http://127.0.0.1:9') })
        : undefined;
      await attempt('crash safety', 'the final commit of a done track fails, then resume', async () => {
        const problems: string[] = [];
        if (!existsSync(shim.marker))
          problems.push('the final commit was never attempted (the track did not reach done)');
        if (run.code !== 5) problems.push(`the failed final commit exited ${run.code}, not 5`);
        if (!/git refused the commit/.test(run.stderr))
          problems.push('the error does not say git refused the commit');
        if (/bug in infrakit/.test(run.stderr)) problems.push('the error calls it a bug in infrakit');
        if (!track || !before) return [...problems, 'no track'].join('; ');
        if (!uncommittedBefore?.length) problems.push('no step was left uncommitted by the failed commit');
        if (resume?.code !== 0) problems.push(`resume exited ${resume?.code}`);
        if (/already done/.test(resume?.stdout ?? ''))
          problems.push('resume said "already done" over uncommitted steps');
        const after = readState(onDisk);
        if (after.value !== 'done') problems.push(`state after resume is ${JSON.stringify(after.value)}`);
        const missing = after.steps.filter((step) => !committed(step.number)).map((step) => step.number);
        if (missing.length) problems.push(`steps ${missing.join(', ')} still uncommitted after resume`);
        if (git(project, ['status', '--porcelain']).trim() !== '')
          problems.push('the tree is not clean after resume');
        if (!/already done/.test(again?.stdout ?? ''))
          problems.push('a second resume did not say already done');
        return problems.join('; ') || undefined;
      });
      expect(
        failures,
        `uncommitted before resume: ${JSON.stringify(uncommittedBefore)}\n${describeRun(run)}\n${resume ? describeRun(resume) : ''}`,
      ).toEqual([]);
    });
  },
);

/** A fake `tool` on PATH that records its arguments and environment into `records`, then prints an empty report. */
function plantRecordingTool(directory: string, tool: 'cfn-lint' | 'checkov', records: string): void {
  mkdirSync(directory, { recursive: true });
  const empty = tool === 'checkov' ? '[]' : '[]';
  writeFileSync(
    join(directory, tool),
    `#!/bin/sh\n{ echo "ARGS $*"; echo "CWD $(pwd)"; env; } >> "${records}"\nif [ "$1" = --version ]; then echo "${tool} 9.9.9"; exit 0; fi\necho '${empty}'\n`,
  );
  chmodSync(join(directory, tool), 0o755);
}

describe.skipIf(cliMissing)("R14: review --with cfn-lint / checkov and the repository's tool config", () => {
  const cfnLintDescribe = CFN_LINT ? it : it.skip;

  cfnLintDescribe(
    "review --with cfn-lint (real cfn-lint) runs no append_rules of the repository's .cfnlintrc",
    async () => {
      const sandbox = createSandbox('infrakit-r14-review-');
      copyCloudFormationExample(sandbox.root);
      const marker = join(sandbox.outside, 'rules-ran');
      // Control: the planted config does run code when cfn-lint reads it (so this case can fail).
      const controlMarker = `${marker}.control`;
      plantAppendRules(sandbox.root, controlMarker);
      try {
        execFileSync(CFN_LINT!, ['templates/s3-secure-bucket.yaml'], { cwd: sandbox.root, stdio: 'ignore' });
      } catch {
        // findings exit non-zero; only the marker matters
      }
      plantAppendRules(sandbox.root, marker);
      const run = await runCli(['review', 'templates', '--with', 'cfn-lint', '--fail-on', 'critical'], {
        cwd: sandbox.root,
        env: cliEnvironment(sandbox, 'http://127.0.0.1:9'),
      });
      await attempt(
        'hostile repository',
        'review --with cfn-lint and a .cfnlintrc append_rules',
        async () => {
          const problems: string[] = [];
          if (!existsSync(controlMarker))
            problems.push('control: cfn-lint never ran the planted rules, the case proves nothing');
          if (existsSync(marker)) problems.push("review ran the repository's append_rules");
          if (!/cfn-lint/.test(run.stdout)) problems.push('the review output does not mention cfn-lint');
          if (run.code === 1 || /bug in infrakit/.test(run.stderr)) problems.push(`exit ${run.code}`);
          return problems.join('; ') || undefined;
        },
      );
      expect(failures, describeRun(run)).toEqual([]);
    },
  );

  it.each(['cfn-lint', 'checkov'] as const)(
    "review --with %s gives the tool infrakit's own config and no model key",
    async (tool) => {
      const sandbox = createSandbox('infrakit-r14-env-');
      copyCloudFormationExample(sandbox.root);
      writeFileSync(join(sandbox.root, '.cfnlintrc'), 'append_rules:\n  - rules\n');
      writeFileSync(join(sandbox.root, '.checkov.yaml'), 'external-checks-dir:\n  - rules\n');
      const bin = join(sandbox.outside, 'bin');
      const records = join(sandbox.outside, `${tool}-records`);
      plantRecordingTool(bin, tool, records);
      const run = await runCli(['review', 'templates', '--with', tool, '--fail-on', 'critical'], {
        cwd: sandbox.root,
        env: cliEnvironment(sandbox, 'http://127.0.0.1:9', {
          PATH: `${bin}${delimiter}${process.env.PATH}`,
          GITHUB_TOKEN_FOR_TEST: 'not-a-model-key',
        }),
      });
      const recorded = existsSync(records) ? readFileSync(records, 'utf8') : '';
      await attempt('secrets', `review --with ${tool}: the tool's environment and config`, async () => {
        const problems: string[] = [];
        if (!recorded.includes('ARGS --version')) problems.push(`the fake ${tool} was never run`);
        const scan = recorded
          .split('\n')
          .find((line) => line.startsWith('ARGS ') && !line.includes('--version'));
        if (!scan) problems.push(`${tool} was never run on the files`);
        else {
          const config = /--config-file (\S+)/.exec(scan)?.[1];
          if (!config) problems.push(`${tool} ran without --config-file: ${scan}`);
          else if (config.startsWith(sandbox.root))
            problems.push(`the config file is inside the repository: ${config}`);
        }
        for (const [name, key] of Object.entries(CANARY))
          if (recorded.includes(key)) problems.push(`the ${name} key reached ${tool}`);
        if (/^(ANTHROPIC|OPENAI|INFRAKIT_OPENAI_COMPATIBLE)_API_KEY=/m.test(recorded))
          problems.push('a model key variable reached the tool');
        if (!recorded.includes('GITHUB_TOKEN_FOR_TEST=not-a-model-key'))
          problems.push('the environment was not passed at all (the check proves nothing)');
        if (run.code === 1 || /bug in infrakit/.test(run.stderr)) problems.push(`exit ${run.code}`);
        return problems.join('; ') || undefined;
      });
      expect(failures, `${describeRun(run)}\n--- records\n${recorded.slice(0, 3000)}`).toEqual([]);
    },
  );
});

describe('R14: missing folders created through a link planted on the way (mkdir -p)', () => {
  /** Moves `folder` aside and puts a symlink to `target` in its place. */
  const swap = (folder: string, target: string) => {
    renameSync(folder, `${folder}.orig`);
    symlinkSync(target, folder);
  };
  const cases: Array<{
    name: string;
    plant: (sandbox: Sandbox) => {
      afterCheck?: () => Promise<void>;
      beforeFolder?: (folder: string) => Promise<void>;
    };
  }> = [
    {
      name: 'the first missing folder appears as a link to outside right after the check',
      plant: (sandbox) => ({
        afterCheck: async () => symlinkSync(sandbox.outside, join(sandbox.root, 'modules')),
      }),
    },
    {
      name: 'a level infrakit just created is swapped for a link to outside before the next level',
      plant: (sandbox) => ({
        beforeFolder: async (folder) => {
          if (folder === join(sandbox.root, 'modules', 'x'))
            swap(join(sandbox.root, 'modules'), sandbox.outside);
        },
      }),
    },
    {
      name: 'a level infrakit just created is swapped for a link to .git before the next level',
      plant: (sandbox) => ({
        beforeFolder: async (folder) => {
          if (folder === join(sandbox.root, 'modules', 'x', 'y'))
            swap(join(sandbox.root, 'modules', 'x'), '../.git');
        },
      }),
    },
  ];

  it.each(cases)('$name: refused, and no folder is created through the link', async ({ name, plant }) => {
    const sandbox = createSandbox('infrakit-r14-mkdir-');
    const outsideBefore = readdirSync(sandbox.outside).sort();
    const gitBefore = readdirSync(join(sandbox.root, '.git')).sort();
    let error: unknown;
    await writeInside(sandbox.root, 'modules/x/y/z/main.yaml', 'a: 1\n', plant(sandbox)).catch(
      (caught: unknown) => (error = caught),
    );
    await attempt('hostile repository', `mkdir -p: ${name}`, async () => {
      const problems: string[] = [];
      if (!(error instanceof PathEscapeError)) problems.push(`not refused: ${String(error)}`);
      const outsideAfter = readdirSync(sandbox.outside).sort();
      if (JSON.stringify(outsideAfter) !== JSON.stringify(outsideBefore))
        problems.push(`created outside: ${outsideAfter.join(', ')}`);
      const gitAfter = readdirSync(join(sandbox.root, '.git')).sort();
      if (JSON.stringify(gitAfter) !== JSON.stringify(gitBefore))
        problems.push(`created in .git: ${gitAfter.join(', ')}`);
      return problems.join('; ') || undefined;
    });
    expect(failures).toEqual([]);
  });

  it('still creates every missing level of a plain path (control)', async () => {
    const sandbox = createSandbox('infrakit-r14-mkdir-');
    const written = await writeInside(sandbox.root, 'modules/x/y/z/main.yaml', 'a: 1\n');
    expect(readFileSync(written, 'utf8')).toBe('a: 1\n');
  });
});

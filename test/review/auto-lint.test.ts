import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateExternalTool, runCommand } from '../../src/review/external-tool-runner.js';
import { loadConstraints } from '../../src/constraints/load.js';
import { parseSources } from '../../src/iac/parse.js';
import type { RunCommand } from '../../src/review/external-tools.js';
import { renderReview } from '../../src/review/render-table.js';
import { runReview, type ReviewDependencies } from '../../src/review/run-review.js';
import { POLICY_PROJECT } from '../policy/helpers.js';
import { cliBuilt, notBuiltReason, runCli } from '../cli/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const template =
  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: 'app logs: 2026!'\n";
/** What cfn-lint 1.51.0 prints for the pattern class (E3031), as the fake prints it. */
const patternMatch = (file: string) =>
  JSON.stringify([
    {
      Rule: { Id: 'E3031', ShortDescription: 'Validate property patterns' },
      Level: 'Error',
      Message: "'app logs: 2026!' does not match '^[.\\\\-_/#A-Za-z0-9]{1,512}\\\\Z'",
      Filename: file,
      Location: { Start: { LineNumber: 6 }, Path: ['Resources', 'Logs', 'Properties', 'LogGroupName'] },
    },
  ]);

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'infrakit-auto-lint-'));
  await writeFile(join(project, 'template.yaml'), template);
  await writeFile(join(project, 'main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

/** A fake cfn-lint runner that records each call and reports the pattern finding. */
function fakeLint(): { run: RunCommand; calls: Array<{ command: string; args: string[] }> } {
  const calls: Array<{ command: string; args: string[] }> = [];
  const run: RunCommand = async (command, args) => {
    calls.push({ command, args });
    return args[0] === '--version'
      ? { stdout: 'cfn-lint 1.51.0', stderr: '', failed: false, exitCode: 0 }
      : { stdout: patternMatch('template.yaml'), stderr: '', failed: true, exitCode: 2 };
  };
  return { run, calls };
}

const dependencies = (run: RunCommand, located: string | undefined): ReviewDependencies => ({
  loadConstraints: () => loadConstraints(POLICY_PROJECT),
  parse: (paths, at) => parseSources(paths, { root: at }),
  verifier: { unavailable: 'not in this test' },
  run,
  locate: async () => located,
});

describe('review runs cfn-lint by itself over CloudFormation', () => {
  it('runs the located binary, merges its pattern finding and says so in Checks', async () => {
    const { run, calls } = fakeLint();
    const result = await runReview(
      { projectRoot: project, target: 'template.yaml', autoLint: true },
      dependencies(run, '/opt/tools/cfn-lint'),
    );
    expect(calls.every((call) => call.command === '/opt/tools/cfn-lint')).toBe(true);
    expect(calls.find((call) => call.args[0] !== '--version')?.args).toContain('template.yaml');
    expect(result.findings.find((finding) => finding.source === 'cfn-lint')).toMatchObject({
      ruleId: 'E3031',
      location: { file: 'template.yaml', line: 6 },
    });
    expect(result.checks.find((check) => check.name === 'cfn-lint')).toMatchObject({
      status: 'ran',
      automatic: true,
      version: '1.51.0',
      findings: 1,
    });
    expect(renderReview(result)).toMatch(
      /cfn-lint\s+ran 1\.51\.0 {2}1 finding\(s\) {2}ran automatically for CloudFormation: patterns, lengths and numeric bounds/,
    );
  });

  it('when cfn-lint is not installed, Checks says the classes were not checked and how to install it', async () => {
    const { run, calls } = fakeLint();
    const result = await runReview(
      { projectRoot: project, target: 'template.yaml', autoLint: true },
      dependencies(run, undefined),
    );
    expect(calls).toEqual([]);
    const check = result.checks.find((item) => item.name === 'cfn-lint');
    expect(check).toMatchObject({ status: 'unavailable', automatic: true });
    expect(check?.detail).toContain('patterns, lengths and numeric bounds not checked');
    expect(check?.detail).toContain('pip install cfn-lint');
    expect(renderReview(result)).toMatch(/cfn-lint\s+UNAVAILABLE.*pip install cfn-lint/);
  });

  it('--with cfn-lint runs it once, not twice', async () => {
    const { run, calls } = fakeLint();
    const result = await runReview(
      { projectRoot: project, target: 'template.yaml', autoLint: true, with: ['cfn-lint'] },
      dependencies(run, '/opt/tools/cfn-lint'),
    );
    expect(calls.filter((call) => call.args[0] !== '--version')).toHaveLength(1);
    expect(result.checks.filter((check) => check.name === 'cfn-lint')).toHaveLength(1);
    expect(result.findings.filter((finding) => finding.source === 'cfn-lint')).toHaveLength(1);
  });

  it('the opt-out and a review without CloudFormation sources run nothing', async () => {
    for (const [target, autoLint] of [
      ['template.yaml', false],
      ['main.tf', true],
    ] as const) {
      const { run, calls } = fakeLint();
      const result = await runReview(
        { projectRoot: project, target, autoLint },
        dependencies(run, '/opt/tools/cfn-lint'),
      );
      expect(calls, target).toEqual([]);
      const check = result.checks.find((item) => item.name === 'cfn-lint');
      if (autoLint) expect(check, target).toBeUndefined();
      else
        expect(check, target).toMatchObject({
          status: 'skipped',
          detail: '--no-auto-lint: CloudFormation patterns, lengths and numeric bounds not checked',
        });
    }
  });

  it('never takes cfn-lint from a folder of the project, even when the PATH names it', async () => {
    const planted = join(project, 'bin');
    await mkdir(planted, { recursive: true });
    await writeFile(join(planted, 'cfn-lint'), '#!/bin/sh\necho planted\n');
    await chmod(join(planted, 'cfn-lint'), 0o755);
    const before = process.env.PATH;
    process.env.PATH = planted;
    try {
      expect(await locateExternalTool('cfn-lint', project)).not.toBe(join(planted, 'cfn-lint'));
    } finally {
      process.env.PATH = before;
    }
  });

  it('starts the tool with no folder of the project on its PATH and no model key', async () => {
    const before = { path: process.env.PATH, key: process.env.ANTHROPIC_API_KEY };
    process.env.PATH = `${join(project, 'bin')}:/usr/bin:/bin`;
    process.env.ANTHROPIC_API_KEY = 'sk-ant-test-never-passed';
    try {
      const outcome = await runCommand('/bin/sh', ['-c', 'echo "PATH=$PATH"; env'], { cwd: project });
      expect(outcome.stdout).toMatch(/^PATH=.*\/usr\/bin/m);
      expect(outcome.stdout).not.toContain(join(project, 'bin'));
      expect(outcome.stdout).not.toContain('sk-ant-test-never-passed');
    } finally {
      process.env.PATH = before.path;
      if (before.key === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = before.key;
    }
  });
});

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit review with a fake cfn-lint on PATH (the built CLI, in-process)', () => {
  let tools: string;
  let empty: string;
  beforeAll(async () => {
    tools = await mkdtemp(join(tmpdir(), 'infrakit-fake-cfn-lint-'));
    empty = await mkdtemp(join(tmpdir(), 'infrakit-no-tools-'));
    await writeFile(join(tools, 'pattern.json'), patternMatch('template.yaml'));
    await writeFile(
      join(tools, 'cfn-lint'),
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "cfn-lint 1.51.0"; exit 0; fi\necho "$@" >> "${tools}/calls"\ncat "${tools}/pattern.json"\nexit 2\n`,
    );
    await chmod(join(tools, 'cfn-lint'), 0o755);
    await cp(join(root, 'test', 'fixtures', 'policy', 'project', '.infrakit'), join(project, '.infrakit'), {
      recursive: true,
    });
  });
  afterAll(async () => {
    await rm(tools, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });
  const review = (path: string, ...args: string[]) =>
    runCli(['review', 'template.yaml', '--no-color', ...args], {
      cwd: project,
      env: { NO_COLOR: '1', PATH: path },
      extendEnv: true,
    });

  it('runs it automatically: the Checks line, the finding and the SARIF run of cfn-lint', async () => {
    const sarifFile = join(project, 'auto.sarif');
    const outcome = await review(`${tools}:/usr/bin:/bin`, '--sarif', sarifFile);
    expect(outcome.stdout, outcome.stderr).toMatch(
      /cfn-lint\s+ran 1\.51\.0 {2}1 finding\(s\) {2}ran automatically for CloudFormation: patterns, lengths and numeric bounds/,
    );
    expect(outcome.stdout).toContain('E3031');
    const sarif = JSON.parse(await readFile(sarifFile, 'utf8')) as {
      runs: Array<{ tool: { driver: { name: string } }; results: Array<{ ruleId: string }> }>;
    };
    const lintRun = sarif.runs.find((run) => run.tool.driver.name === 'cfn-lint');
    expect(lintRun?.results.map((result) => result.ruleId)).toEqual(['E3031']);
    expect((await readFile(join(tools, 'calls'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('says the classes were not checked when cfn-lint is not installed, and --no-auto-lint says they were skipped', async () => {
    const missing = await review(empty);
    expect(missing.stdout, missing.stderr).toMatch(
      /cfn-lint\s+UNAVAILABLE\s+0 finding\(s\)\s+CloudFormation patterns, lengths and numeric bounds not checked: .*\(pip install cfn-lint\)/,
    );
    const optedOut = await review(`${tools}:/usr/bin:/bin`, '--no-auto-lint');
    expect(optedOut.stdout, optedOut.stderr).toMatch(
      /cfn-lint\s+skipped\s+0 finding\(s\)\s+--no-auto-lint: CloudFormation patterns, lengths and numeric bounds not checked/,
    );
  });
});

const realLint = await locateExternalTool('cfn-lint', join(root, 'test', 'fixtures', 'verify'));
if (!realLint)
  console.warn('skipped: cfn-lint is not installed (pip install cfn-lint): the real pattern check');

describe.skipIf(!realLint)('the real cfn-lint through review', () => {
  it('catches the parity pattern class (E3031 on LogGroupName) that the verifier cannot see', async () => {
    const fixtures = join(root, 'test', 'fixtures', 'verify');
    const result = await runReview(
      { projectRoot: fixtures, target: 'cloudformation/parity/schema-pattern.yaml', autoLint: true },
      {
        loadConstraints: () => loadConstraints(POLICY_PROJECT),
        parse: (paths, at) => parseSources(paths, { root: at }),
        verifier: { unavailable: 'not in this test' },
        run: runCommand,
        locate: locateExternalTool,
      },
    );
    expect(result.checks.find((check) => check.name === 'cfn-lint')).toMatchObject({
      status: 'ran',
      automatic: true,
    });
    expect(result.findings.find((finding) => finding.ruleId === 'E3031')).toMatchObject({
      source: 'cfn-lint',
      location: { file: 'cloudformation/parity/schema-pattern.yaml' },
    });
  }, 120_000);
});

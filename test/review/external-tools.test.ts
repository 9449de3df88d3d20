import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import {
  cfnLintFindings,
  checkovFindings,
  runExternalTool,
  type RunCommand,
} from '../../src/review/external-tools.js';

const recorded = (name: string) =>
  readFile(join(import.meta.dirname, '..', 'fixtures', 'policy', 'external', name), 'utf8');
const same = (file: string) => file;

describe('external tool output', () => {
  it('reads checkov JSON into findings with source checkov', async () => {
    const findings = checkovFindings(await recorded('checkov-insecure-cfn.json'), same);
    expect(findings.find((finding) => finding.ruleId === 'CKV_AWS_16')).toMatchObject({
      source: 'checkov',
      location: { file: 'insecure.cfn.yaml', line: 25 },
    });
    expect(findings.length).toBeGreaterThan(5);
  });

  it('reads cfn-lint JSON into findings with source cfn-lint', async () => {
    const findings = cfnLintFindings(await recorded('cfn-lint-insecure-cfn.json'), same);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.source === 'cfn-lint' && finding.location.line > 0)).toBe(
      true,
    );
  });

  it('a missing tool is unavailable with an install hint, never passed', async () => {
    const run: RunCommand = async () => ({
      stdout: '',
      stderr: 'spawn checkov ENOENT',
      failed: true,
      notFound: true,
    });
    const result = await runExternalTool('checkov', ['a.tf'], { cwd: '/', run, fileOf: same });
    expect(result).toMatchObject({ status: 'unavailable', installHint: 'pip install checkov', findings: [] });
  });

  it('unreadable output is failed, with the tool output quoted', async () => {
    const run: RunCommand = async (_command, args) =>
      args[0] === '--version'
        ? { stdout: '3.3.30', stderr: '', failed: false, exitCode: 0 }
        : { stdout: 'Traceback: boom', stderr: '', failed: true, exitCode: 2 };
    const result = await runExternalTool('checkov', ['a.tf'], { cwd: '/', run, fileOf: same });
    expect(result.status).toBe('failed');
    expect(result.detail).toContain('Traceback: boom');
  });

  it('starts the check beside --version, not after it (each is a Python start-up)', async () => {
    for (const tool of ['cfn-lint', 'checkov'] as const) {
      let checkStarted = () => {};
      const started = new Promise<void>((resolve) => (checkStarted = resolve));
      const run: RunCommand = async (_command, args) => {
        if (args[0] !== '--version') {
          checkStarted();
          return { stdout: '[]', stderr: '', failed: false, exitCode: 0 };
        }
        // Answers only once the check has started: a version asked first and waited for never
        // answers, and the test fails at the suite's timeout.
        await started;
        return { stdout: '1.51.0', stderr: '', failed: false, exitCode: 0 };
      };
      const result = await runExternalTool(tool, ['template.yaml'], { cwd: '/', run, fileOf: same });
      expect(result, tool).toMatchObject({ status: 'ran', version: '1.51.0' });
    }
  });

  it('with no file to check, asks only the version', async () => {
    const calls: string[][] = [];
    const run: RunCommand = async (_command, args) => {
      calls.push(args);
      return { stdout: '1.51.0', stderr: '', failed: false, exitCode: 0 };
    };
    const result = await runExternalTool('cfn-lint', [], { cwd: '/', run, fileOf: same });
    expect(result).toMatchObject({ status: 'ran', findings: [], detail: 'no files of a kind it reads' });
    expect(calls).toEqual([['--version']]);
  });

  it("never lets the repository's .cfnlintrc or .checkov.yaml configure the tool: infrakit's own config file is named", async () => {
    for (const tool of ['cfn-lint', 'checkov'] as const) {
      const calls: string[][] = [];
      const configs: string[] = [];
      const run: RunCommand = async (_command, args) => {
        calls.push(args);
        if (args.includes('--config-file'))
          configs.push(await readFile(args[args.indexOf('--config-file') + 1], 'utf8'));
        return args[0] === '--version'
          ? { stdout: '1.0.0', stderr: '', failed: false, exitCode: 0 }
          : { stdout: '[]', stderr: '', failed: false, exitCode: 0 };
      };
      await runExternalTool(tool, ['template.yaml'], { cwd: '/work/project', run, fileOf: same });
      const checked = calls.find((args) => args[0] !== '--version') ?? [];
      const configFile = checked[checked.indexOf('--config-file') + 1] ?? '';
      expect(checked, tool).toContain('--config-file');
      expect(configFile.startsWith('/work/project'), `${tool}: ${configFile}`).toBe(false);
      expect(configs[0], tool).not.toMatch(/append_rules|external-checks|skip-check/);
    }
  });
});

const checkovPresent = await execa('checkov', ['--version'], { reject: false }).then(
  (outcome) => outcome.exitCode === 0,
  () => false,
);
if (!checkovPresent) console.warn('skipped: checkov is not installed (pip install checkov)');

describe.skipIf(!checkovPresent)('checkov itself (offline)', () => {
  it('runs on the insecure template and its findings merge', async () => {
    const run: RunCommand = async (command, args, options) => {
      const outcome = await execa(command, args, {
        cwd: options.cwd,
        reject: false,
        env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' },
      });
      return {
        exitCode: outcome.exitCode,
        stdout: String(outcome.stdout),
        stderr: String(outcome.stderr),
        failed: outcome.failed,
      };
    };
    const cwd = join(import.meta.dirname, '..', 'fixtures', 'policy', 'insecure');
    const result = await runExternalTool('checkov', ['insecure.cfn.yaml'], { cwd, run, fileOf: same });
    expect(result.status).toBe('ran');
    expect(result.findings.some((finding) => finding.ruleId === 'CKV_AWS_17')).toBe(true);
  });
});

import { mkdtemp, mkdir, readFile, rm, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { parseSources } from '../../src/iac/parse.js';
import { writePatches } from '../../src/review/apply-fixes.js';
import type { RunCommand } from '../../src/review/external-tools.js';
import { renderReview } from '../../src/review/render-table.js';
import { runReview } from '../../src/review/run-review.js';
import { scoreFindings } from '../../src/review/score.js';
import { POLICY_PROJECT } from '../policy/helpers.js';

const template =
  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n";

describe('runReview', () => {
  let project: string;
  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), 'infrakit-run-review-'));
    await writeFile(join(project, 'template.yaml'), template);
  });
  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  const dependencies = (run?: RunCommand) => ({
    loadConstraints: () => loadConstraints(POLICY_PROJECT),
    parse: (paths: string[], root: string) => parseSources(paths, { root }),
    verifier: { unavailable: 'the field verifier is not in this build' },
    run,
  });

  it('says the verifier is unavailable instead of pretending it ran', async () => {
    const result = await runReview(
      { projectRoot: project, target: 'template.yaml', environment: 'dev' },
      dependencies(),
    );
    expect(result.checks.find((check) => check.name === 'verify')).toMatchObject({
      status: 'unavailable',
      detail: 'the field verifier is not in this build',
    });
    expect(renderReview(result)).toMatch(/verify\s+UNAVAILABLE/);
    expect(result.environment.environment.name).toBe('dev');
    expect(result.findings.some((finding) => finding.ruleId === 'IK-PUB-002')).toBe(true);
  });

  it('merges an external tool and counts a missing one as unavailable', async () => {
    const checkovJson = JSON.stringify({
      check_type: 'cloudformation',
      results: {
        failed_checks: [
          {
            check_id: 'CKV_AWS_17',
            check_name: 'RDS not public',
            file_abs_path: join(project, 'template.yaml'),
            file_line_range: [3, 6],
            resource: 'AWS::RDS::DBInstance.Db',
          },
        ],
      },
    });
    const run: RunCommand = async (command, args) => {
      if (command === 'cfn-lint') return { stdout: '', stderr: '', failed: true, notFound: true };
      return args[0] === '--version'
        ? { stdout: '3.3.30', stderr: '', failed: false, exitCode: 0 }
        : { stdout: checkovJson, stderr: '', failed: true, exitCode: 1 };
    };
    const result = await runReview(
      { projectRoot: project, target: '.', with: ['checkov', 'cfn-lint'] },
      dependencies(run),
    );
    const merged = result.findings.find((finding) => finding.source === 'checkov');
    expect(merged).toMatchObject({ ruleId: 'CKV_AWS_17', location: { file: 'template.yaml', line: 3 } });
    expect(result.checks.find((check) => check.name === 'cfn-lint')?.status).toBe('unavailable');
    expect(result.checks.find((check) => check.name === 'checkov')).toMatchObject({
      status: 'ran',
      version: '3.3.30',
      findings: 1,
    });
  });

  it('runs the external tools side by side and lists them, and their findings, in the order asked', async () => {
    const cfnLintJson = JSON.stringify([
      {
        Rule: { Id: 'W3005' },
        Level: 'Warning',
        Message: 'Obsolete DependsOn',
        Filename: join(project, 'template.yaml'),
        Location: { Start: { LineNumber: 3, ColumnNumber: 3 } },
      },
    ]);
    const checkovJson = JSON.stringify({
      check_type: 'cloudformation',
      results: { failed_checks: [{ check_id: 'CKV_AWS_17', file_abs_path: join(project, 'template.yaml') }] },
    });
    let cfnLintStarted = () => {};
    const started = new Promise<void>((resolve) => (cfnLintStarted = resolve));
    const run: RunCommand = async (command, args) => {
      if (args[0] === '--version') return { stdout: '1.0.0', stderr: '', failed: false, exitCode: 0 };
      if (command === 'cfn-lint') {
        cfnLintStarted();
        return { stdout: cfnLintJson, stderr: '', failed: true, exitCode: 4 };
      }
      // checkov (asked first) answers only once cfn-lint has started: run one after the other, it
      // would wait in vain and the test fail at the suite's timeout.
      await started;
      return { stdout: checkovJson, stderr: '', failed: true, exitCode: 1 };
    };
    const result = await runReview(
      { projectRoot: project, target: '.', with: ['checkov', 'cfn-lint'] },
      dependencies(run),
    );
    const external = result.checks.filter((check) => check.name === 'checkov' || check.name === 'cfn-lint');
    expect(external.map((check) => [check.name, check.status, check.findings])).toEqual([
      ['checkov', 'ran', 1],
      ['cfn-lint', 'ran', 1],
    ]);
    const sources = result.findings
      .filter((finding) => finding.source === 'checkov' || finding.source === 'cfn-lint')
      .map((finding) => `${finding.source} ${finding.ruleId}`);
    expect(sources).toEqual(['checkov CKV_AWS_17', 'cfn-lint W3005']);
  });

  it('scores with the stated formula, grouping the findings of one rule', () => {
    const finding = (severity: 'critical' | 'high' | 'medium' | 'low' | 'info', ruleId = 'X') => ({
      ruleId,
      severity,
      message: '',
      location: { file: 'f', line: 1 },
      source: 'policy' as const,
    });
    expect(
      scoreFindings([finding('high', 'A'), finding('medium', 'B'), finding('low', 'C'), finding('info', 'D')])
        .value,
    ).toBe(100 - 10 - 4 - 1);
    const critical = (ruleId: string) => finding('critical', ruleId);
    expect(scoreFindings(['A', 'B', 'C', 'D', 'E'].map(critical)).value).toBe(0);
    // One rule on many resources: its worst finding in full, a quarter for each further one, at most twice the worst.
    expect(scoreFindings([finding('medium'), finding('medium')]).value).toBe(100 - 4 - 1);
    expect(scoreFindings(Array.from({ length: 48 }, () => finding('medium'))).value).toBe(100 - 8);
    expect(scoreFindings(['A', 'A', 'A', 'A', 'A'].map(critical)).value).toBe(50);
  });
});

describe('writePatches stays inside the reviewed target', () => {
  let project: string;
  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), 'infrakit-confine-'));
    await mkdir(join(project, 'infra'));
    await mkdir(join(project, 'elsewhere'));
  });
  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('writes a file under the target', async () => {
    await writeFile(join(project, 'infra', 'a.yaml'), 'a: 1\n');
    await writePatches(project, 'infra', [
      { file: 'infra/a.yaml', before: 'a: 1\n', after: 'a: 2\n', fixed: [] },
    ]);
    expect(await readFile(join(project, 'infra', 'a.yaml'), 'utf8')).toBe('a: 2\n');
  });

  it('refuses a file outside the target, and a symlink that leads out', async () => {
    await writeFile(join(project, 'elsewhere', 'b.yaml'), 'b: 1\n');
    await expect(
      writePatches(project, 'infra', [{ file: 'elsewhere/b.yaml', before: '', after: 'b: 2\n', fixed: [] }]),
    ).rejects.toThrow(/refused to write/);
    await symlink(join(project, 'elsewhere'), join(project, 'infra', 'link'));
    await expect(
      writePatches(project, 'infra', [{ file: 'infra/link/b.yaml', before: '', after: 'b: 2\n', fixed: [] }]),
    ).rejects.toThrow(/symlink/);
    expect(await readFile(join(project, 'elsewhere', 'b.yaml'), 'utf8')).toBe('b: 1\n');
  });
});

import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import { parseCfnLintOutput } from '../../src/validators/cfn-lint-runner.js';
import { detectValidator } from '../../src/validators/detect.js';
import { createValidatorGate } from '../../src/validators/gate.js';
import { loadPinnedTools } from '../../src/validators/pinned-tools.js';
import { processValidatorEnvironment } from '../../src/validators/validator-environment.js';

const example = join(import.meta.dirname, '..', '..', 'examples', 'cloudformation', 's3-secure-bucket');
const template = 'templates/s3-secure-bucket.yaml';
const cfnLint = await detectValidator('cfn-lint', await loadPinnedTools(), processValidatorEnvironment());
const reason = `cfn-lint is not installed (${cfnLint.installCommand})`;
if (!cfnLint.present) console.warn(`skipped: ${reason}`);

describe('parseCfnLintOutput', () => {
  it('reads rule, message, file, line and column from the default output', () => {
    const findings = parseCfnLintOutput(
      "E3002 Additional properties are not allowed ('Versioning' was unexpected)\ntemplates/a.yaml:12:7\n\nW3005 Obsolete DependsOn\ntemplates/a.yaml:20:5\n",
    );
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'E3002',
        severity: 'high',
        location: { file: 'templates/a.yaml', line: 12, column: 7 },
        source: 'cfn-lint',
      }),
      expect.objectContaining({ ruleId: 'W3005', severity: 'medium' }),
    ]);
  });
});

describe.skipIf(!cfnLint.present)('cfn-lint runner with the real cfn-lint', () => {
  async function brokenCopy(edit: (text: string) => string): Promise<string> {
    const copy = await mkdtemp(join(tmpdir(), 'infrakit-cfn-broken-'));
    await cp(example, copy, { recursive: true });
    const file = join(copy, template);
    const text = await readFile(file, 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    return copy;
  }
  const run = async (projectRoot: string) =>
    createValidatorGate()({
      projectRoot,
      tool: 'cloudformation',
      files: [template],
      constraints: await loadConstraints(projectRoot),
    });

  it('passes the shipped example and says which cfn-lint ran', async () => {
    const result = await run(example);
    expect(result.status, result.output).toBe('passed');
    expect(result.ran?.[0]).toMatch(
      /^cfn-lint \d+\.\d+\.\d+: cfn-lint --mandatory-checks E W --regions eu-west-1 templates\/s3-secure-bucket\.yaml$/,
    );
  });

  it('fails a copy with a wrong field and quotes cfn-lint', async () => {
    const projectRoot = await brokenCopy((text) => text.replace('VersioningConfiguration:', 'Versioning:'));
    const result = await run(projectRoot);
    expect(result.status).toBe('failed');
    expect(result.output).toMatch(/^cfn-lint \S+ exited with code \d+: /);
    expect(result.output).toContain("'Versioning'");
    expect(result.findings?.some((finding) => finding.ruleId === 'E3002')).toBe(true);
  });

  it('fails a copy with a tag that has no key and quotes cfn-lint', async () => {
    const projectRoot = await brokenCopy((text) =>
      text.replace('- { Key: owner, Value: !Ref Owner }', '- { Value: !Ref Owner }'),
    );
    const result = await run(projectRoot);
    expect(result.status).toBe('failed');
    expect(result.output).toContain("'Key' is a required property");
  });

  it("honours no ignore_checks in the template's Metadata and runs no append_rules of the repository's .cfnlintrc", async () => {
    const projectRoot = await brokenCopy((text) =>
      text
        .replace('VersioningConfiguration:', 'Versioning:')
        .replace(/^Metadata:\n/m, 'Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [E, W, I]\n'),
    );
    const marker = join(projectRoot, 'rules-ran');
    await mkdir(join(projectRoot, 'rules'));
    await writeFile(
      join(projectRoot, 'rules', 'planted.py'),
      `open(${JSON.stringify(marker)}, "w").write("ran")\n`,
    );
    await writeFile(join(projectRoot, '.cfnlintrc'), 'append_rules:\n  - rules\nignore_checks: [E3002]\n');
    const result = await run(projectRoot);
    expect(result.status, `${result.output}\n${JSON.stringify(result.findings)}`).toBe('failed');
    expect(
      result.findings?.some((finding) => finding.ruleId === 'E3002'),
      result.output,
    ).toBe(true);
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'IK-SUP-002',
        severity: 'high',
        location: { file: '.cfnlintrc', line: 1 },
      }),
    );
    expect(result.output).toContain('.cfnlintrc sets append_rules');
    expect(existsSync(marker)).toBe(false);
  });
});

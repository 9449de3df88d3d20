import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifValidator } from '../sarif/sarif-schema.js';
import { cliBuilt, notBuiltReason, runCli } from '../cli/run-cli.js';

const root = join(import.meta.dirname, '..', '..');

/** The planted problems of each insecure fixture and the rule that must report each. */
const PLANTED: Record<string, string[]> = {
  public: ['IK-PUB-001', 'IK-PUB-002', 'IK-PUB-003'],
  unencrypted: ['IK-ENC-001'],
  secret: ['IK-SEC-001'],
  deletable: ['IK-DEL-001'],
  untagged: ['IK-TAG-001'],
};

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)('infrakit review (the built CLI, in-process)', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'infrakit-review-'));
    await cp(join(root, 'test', 'fixtures', 'policy', 'project', '.infrakit'), join(project, '.infrakit'), {
      recursive: true,
    });
    await cp(join(root, 'test', 'fixtures', 'policy', 'insecure'), join(project, 'insecure'), {
      recursive: true,
    });
    await cp(join(root, 'test', 'fixtures', 'policy', 'fix'), join(project, 'fix'), { recursive: true });
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it.each(['insecure/insecure.cfn.yaml', 'insecure/insecure.tf'])(
    '%s: exits 4, one finding per planted problem, valid SARIF',
    async (file) => {
      const sarifFile = join(project, `${file.replace(/\W/g, '-')}.sarif`);
      const outcome = await runCli(['review', file, '--sarif', sarifFile, '--no-color'], { cwd: project });
      expect(outcome.exitCode, outcome.stderr).toBe(4);
      expect(outcome.stdout).toContain('CRITICAL');
      expect(outcome.stdout).toMatch(/Score \d+\/100/);
      expect(outcome.stdout).toContain(
        'score = max(0, 100 - sum over rules of min(2*worst, worst + rest/4))',
      );
      const sarif = JSON.parse(await readFile(sarifFile, 'utf8')) as {
        runs: Array<{ results: Array<{ ruleId: string }> }>;
      };
      const validate = sarifValidator();
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      const ruleIds = new Set(sarif.runs.flatMap((run) => run.results.map((result) => result.ruleId)));
      for (const [problem, rules] of Object.entries(PLANTED)) {
        for (const rule of rules) expect(ruleIds.has(rule), `${problem}: ${rule}`).toBe(true);
      }
    },
  );

  it('--json gives findings and the environment reason; --fail-on critical still fails on the secret', async () => {
    const outcome = await runCli(['review', 'insecure/insecure.tf', '--json', '--fail-on', 'critical'], {
      cwd: project,
    });
    expect(outcome.exitCode).toBe(4);
    const result = JSON.parse(outcome.stdout) as {
      environment: { name: string; origin: string };
      findings: Array<{ ruleId: string; fingerprint?: string }>;
      checks: Array<{ name: string; status: string }>;
    };
    expect(result.environment).toMatchObject({ name: 'prod', origin: 'strictest' });
    expect(result.findings.some((finding) => finding.ruleId === 'IK-SEC-001')).toBe(true);
    expect(result.checks.find((check) => check.name === 'policy')?.status).toBe('ran');
    expect(['ran', 'unavailable', 'failed']).toContain(
      result.checks.find((check) => check.name === 'verify')?.status,
    );
  });

  it('--sarif without a file writes SARIF to stdout and the table to stderr', async () => {
    const outcome = await runCli(['review', 'insecure/insecure.cfn.yaml', '--sarif'], { cwd: project });
    const sarif = JSON.parse(outcome.stdout) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(outcome.stderr).toContain('HIGH');
  });

  it('--fix without --yes and without a terminal shows the diff and writes nothing', async () => {
    const before = await readFile(join(project, 'fix', 'fixable.cfn.yaml'), 'utf8');
    const outcome = await runCli(['review', 'fix/fixable.cfn.yaml', '--fix'], { cwd: project });
    expect(outcome.stdout).toContain('+++ b/fix/fixable.cfn.yaml');
    expect(outcome.stdout).toContain('Not written');
    expect(await readFile(join(project, 'fix', 'fixable.cfn.yaml'), 'utf8')).toBe(before);
  });

  it('--fix --yes writes the fixes and the fixed rules pass on the re-review', async () => {
    await writeFile(
      join(project, 'fix', 'fixable-copy.cfn.yaml'),
      await readFile(join(project, 'fix', 'fixable.cfn.yaml'), 'utf8'),
    );
    const outcome = await runCli(['review', 'fix/fixable-copy.cfn.yaml', '--fix', '--yes', '--json'], {
      cwd: project,
    });
    const after = await readFile(join(project, 'fix', 'fixable-copy.cfn.yaml'), 'utf8');
    expect(after).toContain('DeletionPolicy: Retain');
    const result = JSON.parse(outcome.stdout) as { findings: Array<{ ruleId: string }> };
    expect(
      result.findings.filter((finding) =>
        ['IK-PUB-001', 'IK-DEL-001', 'IK-TAG-001'].includes(finding.ruleId),
      ),
    ).toEqual([]);
  });

  it('a missing path is a usage error (exit 2)', async () => {
    const outcome = await runCli(['review', 'nope.yaml'], { cwd: project });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toContain('"nope.yaml" does not exist');
  });
});

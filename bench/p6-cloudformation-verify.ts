import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './lib/bench-context.js';
import { cloudformationTemplateWithResources } from './lib/cloudformation-template.js';
import type { Figure } from './lib/figure.js';
import { timeInterleaved, type ProcessCommand } from './lib/spawn-timing.js';
import { pairedRatios, summarize } from './lib/stats.js';

const TARGET_RATIO = 0.1;

/** The logical ids of the template's resources, each with the line range it spans (1-based). */
function resourceSpans(text: string): Array<{ id: string; from: number; to: number }> {
  const lines = text.split('\n');
  const spans: Array<{ id: string; from: number; to: number }> = [];
  let inResources = false;
  lines.forEach((line, index) => {
    if (/^Resources:\s*$/.test(line)) inResources = true;
    else if (/^\S/.test(line)) inResources = false;
    const match = inResources ? /^ {2}([A-Za-z0-9]+):/.exec(line) : null;
    if (match) {
      const previous = spans[spans.length - 1];
      if (previous) previous.to = index;
      spans.push({ id: match[1], from: index + 1, to: lines.length });
    }
  });
  return spans;
}

/** The resources with at least one error reported at one of their lines. */
function caughtResources(text: string, errorLines: number[]): string[] {
  const spans = resourceSpans(text);
  const caught = new Set<string>();
  for (const line of errorLines) {
    const span = spans.find((candidate) => line >= candidate.from && line <= candidate.to);
    if (span) caught.add(span.id);
  }
  return [...caught].sort();
}

/** Error lines from `infrakit verify --json` (its errors: critical, high, medium; as cfn-lint's E rules). */
function infrakitErrorLines(stdout: string): number[] {
  const parsed = JSON.parse(stdout) as {
    findings?: Array<{ severity?: string; location?: { line?: number } }>;
  };
  return (parsed.findings ?? [])
    .filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity ?? ''))
    .map((finding) => finding.location?.line)
    .filter((line): line is number => typeof line === 'number');
}

/** Error lines from cfn-lint's parseable output (`file:line:column:...:E1234:message`). */
function cfnLintErrorLines(stdout: string): number[] {
  return stdout
    .split('\n')
    .map((line) => /:(\d+):\d+:\d+:\d+:(E\d+):/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]));
}

/**
 * P6: a 50-resource CloudFormation template checked by `infrakit verify` and by `cfn-lint`, each as a
 * whole process, interleaved run by run; and both run on the project's defect fixture
 * (test/fixtures/verify/cloudformation/defects.yaml) to compare which defective resources each catches.
 */
export async function measureCloudformationVerify(context: BenchContext): Promise<Figure[]> {
  const base = {
    id: 'P6',
    title: 'CloudFormation verify vs cfn-lint',
    target: `<= ${TARGET_RATIO}x (10x faster)`,
  };
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0)
    return [
      {
        ...base,
        status: 'skipped',
        reason: 'cfn-lint is not on PATH (bash scripts/install-validators.sh)',
        details: {},
      },
    ];
  const directory = mkdtempSync(join(tmpdir(), 'infrakit-bench-p6-'));
  try {
    const template = join(directory, 'template.yaml');
    writeFileSync(template, cloudformationTemplateWithResources(50));
    const cli = join(context.projectRoot, 'dist', 'src', 'cli', 'bin.cjs');
    const commands: ProcessCommand[] = [
      {
        label: 'infrakit verify',
        command: process.execPath,
        args: [cli, 'verify', template],
        cwd: directory,
      },
      { label: 'cfn-lint', command: 'cfn-lint', args: [template], cwd: directory },
    ];
    const probe = spawnSync(process.execPath, [cli, 'verify', template, '--json'], {
      cwd: directory,
      encoding: 'utf8',
    });
    if (probe.status !== 0)
      return [
        {
          ...base,
          status: 'failed',
          reason: `infrakit verify exits ${probe.status} on the clean template: ${probe.stderr.trim().split('\n')[0] ?? ''}`,
          details: {},
        },
      ];
    const cpu = new Map<string, number[]>();
    const samples = timeInterleaved(commands, Math.max(3, Math.ceil(context.runs / 2)), 1, cpu);
    const infrakit = samples.get('infrakit verify') ?? [];
    const cfnLint = samples.get('cfn-lint') ?? [];
    const ratio = summarize(pairedRatios(infrakit, cfnLint));
    const infrakitCpu = cpu.get('infrakit verify') ?? [];
    const cfnLintCpu = cpu.get('cfn-lint') ?? [];
    const cpuFigures =
      infrakitCpu.length && cfnLintCpu.length
        ? {
            // CPU time (user + system) of each process, in 10 ms ticks: what load does not inflate
            infrakitCpuMilliseconds: summarize(infrakitCpu),
            cfnLintCpuMilliseconds: summarize(cfnLintCpu),
            cpuRatio: summarize(pairedRatios(infrakitCpu, cfnLintCpu)),
          }
        : {};

    const defects = join(context.projectRoot, 'test', 'fixtures', 'verify', 'cloudformation', 'defects.yaml');
    const defectText = readFileSync(defects, 'utf8');
    const ours = spawnSync(process.execPath, [cli, 'verify', defects, '--json'], {
      cwd: directory,
      encoding: 'utf8',
    });
    const theirs = spawnSync('cfn-lint', ['--format', 'parseable', defects], {
      cwd: directory,
      encoding: 'utf8',
    });
    const caughtByInfrakit = caughtResources(defectText, infrakitErrorLines(ours.stdout));
    const caughtByCfnLint = caughtResources(defectText, cfnLintErrorLines(theirs.stdout));
    const defective = resourceSpans(defectText).map((span) => span.id);
    return [
      {
        ...base,
        status: 'measured',
        ratio,
        ratioOf: `infrakit verify (${summarize(infrakit).median.toFixed(0)} ms) / cfn-lint (${summarize(cfnLint).median.toFixed(0)} ms), 50 resources, whole processes${cpuFigures.cpuRatio ? ` (CPU ${cpuFigures.infrakitCpuMilliseconds.median.toFixed(0)} / ${cpuFigures.cfnLintCpuMilliseconds.median.toFixed(0)} ms = ${cpuFigures.cpuRatio.median.toFixed(3)}×)` : ''}`,
        met: ratio.median <= TARGET_RATIO,
        details: {
          cfnLintVersion: version.stdout.trim(),
          infrakitMilliseconds: summarize(infrakit),
          cfnLintMilliseconds: summarize(cfnLint),
          ...cpuFigures,
          defectFixture: 'test/fixtures/verify/cloudformation/defects.yaml',
          defectiveResources: defective,
          caughtByInfrakit,
          caughtByCfnLint,
          onlyInfrakit: caughtByInfrakit.filter((id) => !caughtByCfnLint.includes(id)),
          onlyCfnLint: caughtByCfnLint.filter((id) => !caughtByInfrakit.includes(id)),
          catchRate: `infrakit ${caughtByInfrakit.length}/${defective.length}, cfn-lint ${caughtByCfnLint.length}/${defective.length}`,
        },
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

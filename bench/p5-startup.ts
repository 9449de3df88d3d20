import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './lib/bench-context.js';
import { cloudformationTemplateWithResources } from './lib/cloudformation-template.js';
import type { Figure } from './lib/figure.js';
import { timeInterleaved, timeProcess, type ProcessCommand } from './lib/spawn-timing.js';
import { pairedRatios, summarize } from './lib/stats.js';

/** Targets from issue 18, as ratios to a bare `node -e 0` measured in the same run. */
const TARGET_RATIO: Record<string, number | undefined> = {
  'infrakit --version': 1.3,
  'infrakit status': 2,
};
const FIGURE_ID: Record<string, string> = {
  'infrakit --version': 'P5a',
  'infrakit status': 'P5b',
  'infrakit verify': 'P5c',
  'infrakit review': 'P5d',
};

/** The installed hyperfine's version line, or undefined when it is not on PATH. */
export function hyperfineVersion(): string | undefined {
  const result = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Runs of each command per hyperfine call: the calls alternate, so load drift hits every command. */
const RUNS_PER_ROUND = 5;

/** One hyperfine call (no shell, warm-up 2): each command's run times in milliseconds. */
function hyperfineRound(commands: ProcessCommand[], runs: number, directory: string): Map<string, number[]> {
  const exportFile = join(directory, 'hyperfine.json');
  const args = [
    '-N',
    '--warmup',
    '2',
    '--runs',
    String(runs),
    '--style',
    'none',
    '-i',
    '--export-json',
    exportFile,
  ];
  for (const command of commands)
    args.push('-n', command.label, [command.command, ...command.args].map(shellQuote).join(' '));
  const result = spawnSync('hyperfine', args, {
    encoding: 'utf8',
    cwd: commands[0]?.cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`hyperfine exited with ${result.status}: ${result.stderr}`);
  const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as {
    results: Array<{ command: string; times: number[] }>;
  };
  return new Map(
    exported.results.map((entry) => [entry.command, entry.times.map((seconds) => seconds * 1000)]),
  );
}

/**
 * Runs the commands with hyperfine in rounds of RUNS_PER_ROUND runs each, the order reversed every
 * other round, and returns each command's run times. Run i of one command and run i of another
 * come from the same round, so a paired ratio compares them under the same machine load (one
 * hyperfine call per figure ran each command's runs back to back, minutes apart on a busy machine).
 */
function timeWithHyperfine(commands: ProcessCommand[], runs: number): Map<string, number[]> {
  const directory = mkdtempSync(join(tmpdir(), 'infrakit-bench-'));
  const samples = new Map(commands.map((command) => [command.label, [] as number[]]));
  try {
    for (let done = 0, round = 0; done < runs; round += 1) {
      const size = Math.min(RUNS_PER_ROUND, runs - done);
      const ordered = round % 2 === 0 ? commands : [...commands].reverse();
      for (const [label, times] of hyperfineRound(ordered, size, directory))
        samples.get(label)?.push(...times);
      done += size;
    }
    return samples;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * P5: `infrakit --version`, `status`, `verify` and `review --fail-on critical` (a 5-resource
 * CloudFormation template) as
 * whole cold processes in an initialised project, against a bare `node -e 0` in the same run.
 */
export async function measureStartup(options: BenchContext): Promise<Figure[]> {
  const cli = join(options.projectRoot, 'dist', 'src', 'cli', 'bin.cjs');
  writeFileSync(join(options.fixtureProject, 'bench-template.yaml'), cloudformationTemplateWithResources(5));
  const run = (label: string, args: string[]): ProcessCommand => ({
    label,
    command: process.execPath,
    args: [cli, ...args],
    cwd: options.fixtureProject,
  });
  const commands: ProcessCommand[] = [
    { label: 'node -e 0', command: process.execPath, args: ['-e', '0'], cwd: options.fixtureProject },
    run('infrakit --version', ['--version']),
    run('infrakit status', ['status']),
    run('infrakit verify', ['verify', 'bench-template.yaml']),
    // The template has high findings (no critical one), so a plain review exits 4 by design:
    // --fail-on critical keeps the same work (policy + verify) and exits 0 when it ran.
    // --no-auto-lint: P5d measures infrakit's start-up, not the cfn-lint run review makes by itself.
    run('infrakit review', ['review', 'bench-template.yaml', '--fail-on', 'critical', '--no-auto-lint']),
  ];
  // A command that fails in the fixture project is reported as failed, never timed as if it worked.
  const probes = new Map(commands.slice(1).map((command) => [command.label, timeProcess(command)]));
  const measured = commands.filter((command) => (probes.get(command.label)?.status ?? 0) === 0);
  const tool = hyperfineVersion() ? 'hyperfine' : 'node spawn loop';
  const samples =
    tool === 'hyperfine'
      ? timeWithHyperfine(measured, options.runs)
      : timeInterleaved(measured, options.runs);
  const bare = samples.get('node -e 0') ?? [];
  const figures: Figure[] = [];
  for (const command of commands.slice(1)) {
    const id = FIGURE_ID[command.label] ?? 'P5';
    const targetRatio = TARGET_RATIO[command.label];
    const target = targetRatio === undefined ? 'measured, no target' : `<= ${targetRatio}x bare node`;
    const times = samples.get(command.label);
    const probe = probes.get(command.label);
    if (!times) {
      figures.push({
        id,
        title: `start-up, ${command.label}`,
        status: 'failed',
        target,
        reason: `the command exits ${probe?.status} in the fixture project: ${probe?.stderr.trim().split('\n')[0] ?? ''}`,
        details: {},
      });
      continue;
    }
    const ratio = summarize(pairedRatios(times, bare));
    figures.push({
      id,
      title: `start-up, ${command.label}`,
      status: 'measured',
      ratio,
      ratioOf: `time (${summarize(times).median.toFixed(1)} ms) / bare node (${summarize(bare).median.toFixed(1)} ms)`,
      target,
      met: targetRatio === undefined ? undefined : ratio.median <= targetRatio,
      details: { tool, milliseconds: summarize(times), bareNodeMilliseconds: summarize(bare) },
    });
  }
  return figures;
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './lib/bench-context.js';
import type { Figure } from './lib/figure.js';
import { timeInterleaved, timeProcess, type ProcessCommand } from './lib/spawn-timing.js';
import { pairedRatios, summarize } from './lib/stats.js';

const TARGET_MS = 150;

/** The installed hyperfine's version line, or undefined when it is not on PATH. */
export function hyperfineVersion(): string | undefined {
  const result = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Runs the commands with hyperfine (no shell, warm-up 2) and returns each command's run times. */
function timeWithHyperfine(commands: ProcessCommand[], runs: number): Map<string, number[]> {
  const directory = mkdtempSync(join(tmpdir(), 'infrakit-bench-'));
  const exportFile = join(directory, 'hyperfine.json');
  try {
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
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** P5: `infrakit --version` and `infrakit status` as whole cold processes, against a bare `node -e 0`. */
export async function measureStartup(options: BenchContext): Promise<Figure[]> {
  const cli = join(options.projectRoot, 'dist', 'src', 'cli', 'main.js');
  const commands: ProcessCommand[] = [
    { label: 'node -e 0', command: process.execPath, args: ['-e', '0'], cwd: options.fixtureProject },
    {
      label: 'infrakit --version',
      command: process.execPath,
      args: [cli, '--version'],
      cwd: options.fixtureProject,
    },
    {
      label: 'infrakit status',
      command: process.execPath,
      args: [cli, 'status'],
      cwd: options.fixtureProject,
    },
  ];
  const statusProbe = timeProcess(commands[2]);
  const statusWorks = statusProbe.status === 0;
  const measured = statusWorks ? commands : commands.slice(0, 2);
  const tool = hyperfineVersion() ? 'hyperfine' : 'node spawn loop';
  const samples =
    tool === 'hyperfine'
      ? timeWithHyperfine(measured, options.runs)
      : timeInterleaved(measured, options.runs);
  const bare = samples.get('node -e 0') ?? [];
  const figures: Figure[] = [];
  for (const command of commands.slice(1)) {
    const id = command.label.endsWith('status') ? 'P5b' : 'P5a';
    const times = samples.get(command.label);
    if (!times) {
      figures.push({
        id,
        title: `start-up, ${command.label}`,
        status: /unknown command/.test(statusProbe.stderr) ? 'skipped' : 'failed',
        target: `<= ${TARGET_MS} ms`,
        reason: `the command exits ${statusProbe.status} in the fixture project: ${statusProbe.stderr.trim().split('\n')[0] ?? ''}`,
        details: {},
      });
      continue;
    }
    const absolute = summarize(times);
    figures.push({
      id,
      title: `start-up, ${command.label}`,
      status: 'measured',
      ratio: summarize(pairedRatios(times, bare)),
      ratioOf: `time / bare node (${summarize(bare).median.toFixed(1)} ms)`,
      target: `<= ${TARGET_MS} ms absolute (median ${absolute.median.toFixed(1)} ms)`,
      met: absolute.median <= TARGET_MS,
      details: { tool, milliseconds: absolute, bareNodeMilliseconds: summarize(bare) },
    });
  }
  return figures;
}

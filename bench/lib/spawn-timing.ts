import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** A command measured as a whole process. */
export interface ProcessCommand {
  label: string;
  command: string;
  args: string[];
  cwd?: string;
}

/** Runs the command once and returns its wall time in milliseconds plus its exit status. */
export function timeProcess(command: ProcessCommand): {
  milliseconds: number;
  status: number | null;
  stderr: string;
} {
  const started = performance.now();
  const result = spawnSync(command.command, command.args, {
    cwd: command.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { milliseconds: performance.now() - started, status: result.status, stderr: result.stderr ?? '' };
}

/** Interleaves the commands run by run, so each run compares them under the same machine load. */
export function timeInterleaved(commands: ProcessCommand[], runs: number, warmup = 2): Map<string, number[]> {
  const samples = new Map(commands.map((command) => [command.label, [] as number[]]));
  for (let round = 0; round < warmup + runs; round += 1) {
    for (const command of commands) {
      const { milliseconds } = timeProcess(command);
      if (round >= warmup) samples.get(command.label)?.push(milliseconds);
    }
  }
  return samples;
}

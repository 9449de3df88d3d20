import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { childCpuMilliseconds } from './child-cpu.js';

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

/**
 * Interleaves the commands run by run, so each run compares them under the same machine load. With
 * `cpu`, also records each run's CPU time (user + system, ms; see child-cpu.ts) by label.
 */
export function timeInterleaved(
  commands: ProcessCommand[],
  runs: number,
  warmup = 2,
  cpu?: Map<string, number[]>,
): Map<string, number[]> {
  const samples = new Map(commands.map((command) => [command.label, [] as number[]]));
  for (let round = 0; round < warmup + runs; round += 1) {
    for (const command of commands) {
      const cpuBefore = cpu && childCpuMilliseconds();
      const { milliseconds } = timeProcess(command);
      const cpuAfter = cpu && childCpuMilliseconds();
      if (round < warmup) continue;
      samples.get(command.label)?.push(milliseconds);
      if (cpu && cpuBefore !== undefined && cpuAfter !== undefined)
        cpu.set(command.label, [...(cpu.get(command.label) ?? []), cpuAfter - cpuBefore]);
    }
  }
  return samples;
}

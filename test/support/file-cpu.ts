import { appendFileSync, readFileSync } from 'node:fs';

/**
 * CPU seconds this process and its waited-for children (the CLI, git, validators) have used so far,
 * from /proc/self/stat (utime, stime, cutime, cstime); undefined where /proc is absent.
 */
export function cpuSecondsWithChildren(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    return ticks / 100;
  } catch {
    return undefined;
  }
}

/** Appends "cpu-seconds file" to `log` (INFRAKIT_TEST_CPU_LOG): how a run finds its CPU-heavy files. */
export function logFileCpu(log: string, file: string, startedAt: number | undefined): void {
  const now = cpuSecondsWithChildren();
  if (now === undefined || startedAt === undefined) return;
  appendFileSync(log, `${(now - startedAt).toFixed(2)} ${file}\n`);
}

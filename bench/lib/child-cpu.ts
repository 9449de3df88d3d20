import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/**
 * The CPU time (user + system, in milliseconds) of this process's finished children so far, from
 * /proc/self/stat (cutime + cstime); undefined where there is no /proc (not Linux). Ticks are
 * 10 ms, so a figure is meaningful as a difference over several runs. The time a process waits for
 * the CPU on a loaded machine is not in it, which is why the bench reports it beside the wall time.
 */
export function childCpuMilliseconds(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  // the fields after the command name (which may hold spaces) start with the state, field 3
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
  return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : undefined;
}

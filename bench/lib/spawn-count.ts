import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const STARTERS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'] as const;
type Starter = (typeof STARTERS)[number];

/** The program a child_process call starts: `node` for fork, the first word of a shell command. */
function programOf(starter: Starter, first: unknown): string {
  if (starter === 'fork') return 'node';
  const command = String(first);
  const program = starter === 'exec' || starter === 'execSync' ? command.trim().split(/\s+/)[0] : command;
  return basename(program ?? command);
}

/**
 * Counts the child processes this process starts while `work` runs, by program name (`git`,
 * `node`, `tofu`…): every child_process starter is wrapped for the duration (ESM importers see the
 * wrapper through syncBuiltinESMExports) and restored afterwards.
 */
export async function countingSpawns<T>(
  work: () => Promise<T>,
): Promise<{ result: T; spawns: Record<string, number> }> {
  const spawns: Record<string, number> = {};
  const module = childProcess as unknown as Record<Starter, (...args: unknown[]) => unknown>;
  const originals = Object.fromEntries(STARTERS.map((name) => [name, module[name]])) as Record<
    Starter,
    (...args: unknown[]) => unknown
  >;
  for (const name of STARTERS)
    module[name] = function (this: unknown, ...args: unknown[]) {
      const program = programOf(name, args[0]);
      spawns[program] = (spawns[program] ?? 0) + 1;
      return originals[name].apply(this, args);
    };
  syncBuiltinESMExports();
  try {
    return { result: await work(), spawns };
  } finally {
    for (const name of STARTERS) module[name] = originals[name];
    syncBuiltinESMExports();
  }
}

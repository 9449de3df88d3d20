import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** The cases of one test file, per family: how many were tried and handled, and what failed. */
export interface CaseTally {
  counts: Record<string, { handled: number; tried: number }>;
  failures: string[];
  /**
   * Records one case of a family: handled when `check` returns no problem. A control (a case that
   * held before the fix too) is asserted but not counted.
   */
  attempt(
    family: string,
    name: string,
    check: () => Promise<string | undefined>,
    options?: { control?: boolean },
  ): Promise<void>;
  /** Prints `<prefix> <family>: handled/tried handled safely` for each family, then the failures. */
  print(prefix: string): void;
}

export function caseTally(): CaseTally {
  const counts: CaseTally['counts'] = {};
  const failures: string[] = [];
  return {
    counts,
    failures,
    async attempt(family, name, check, options = {}) {
      const entry = options.control
        ? { handled: 0, tried: 0 }
        : (counts[family] ??= { handled: 0, tried: 0 });
      entry.tried += 1;
      let problem: string | undefined;
      try {
        problem = await check();
      } catch (error) {
        problem = `threw ${String(error)}`;
      }
      if (problem) failures.push(`${family} / ${name}: ${problem}`);
      else entry.handled += 1;
    },
    print(prefix) {
      for (const [family, { handled, tried }] of Object.entries(counts))
        console.log(`${prefix} ${family}: ${handled}/${tried} handled safely`);
      if (failures.length) console.log(`${prefix} failures:\n${failures.join('\n')}`);
    },
  };
}

/** The sha256 of a file, or `absent`. */
export const fileHash = (path: string): string =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';

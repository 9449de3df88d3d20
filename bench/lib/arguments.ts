/** Options of `npm run bench`. */
export interface BenchArguments {
  /** Figure ids to run, e.g. [`P1`, `P5`]; empty = all. */
  only: string[];
  /** Runs per figure (median of N). */
  runs: number;
  /** Mock latency per model call for P1 and P2, in milliseconds. */
  latencyMs: number;
  /** Where to write the results (default bench/results.json). */
  output?: string;
}

const USAGE = 'usage: npm run bench -- [--only P1,P2,P3,P4,P5] [--runs N] [--latency-ms MS] [--output FILE]';

/** Parses the bench's own flags; throws with the usage line on anything else. */
export function parseBenchArguments(argv: string[]): BenchArguments {
  const parsed: BenchArguments = { only: [], runs: 5, latencyMs: 1000 };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    const number = () => {
      const result = Number(value);
      if (!Number.isInteger(result) || result < 0)
        throw new Error(`${flag} expects a whole number, got ${value ?? 'nothing'}\n${USAGE}`);
      index += 1;
      return result;
    };
    if (flag === '--only' && value) {
      parsed.only = value.split(',').map((id) => id.trim().toUpperCase());
      index += 1;
    } else if (flag === '--runs') parsed.runs = Math.max(1, number());
    else if (flag === '--latency-ms') parsed.latencyMs = number();
    else if (flag === '--output' && value) {
      parsed.output = value;
      index += 1;
    } else throw new Error(`unknown bench argument ${flag}\n${USAGE}`);
  }
  return parsed;
}

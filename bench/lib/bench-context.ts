/** What every figure receives from bench/main.ts. */
export interface BenchContext {
  projectRoot: string;
  /** The eval profile's constraints folder (eval/cases/project). */
  profile: string;
  /** A temporary initialised InfraKit project (terraform profile). */
  fixtureProject: string;
  runs: number;
  latencyMs: number;
}

/**
 * `INFRAKIT_PROFILE=1`: where a verify spends its time, phase by phase (wall and CPU milliseconds),
 * printed as one line on stderr when the verify ends. Off, it costs one environment lookup.
 */
export class VerifyProfile {
  private readonly phases: Array<{ name: string; wall: number; cpu: number }> = [];
  private wall = performance.now();
  private cpu = cpuMilliseconds();

  private constructor() {}

  /** A profile when INFRAKIT_PROFILE=1 is set, else undefined. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): VerifyProfile | undefined {
    return env.INFRAKIT_PROFILE === '1' ? new VerifyProfile() : undefined;
  }

  /** Ends the phase running since the last mark (or since the profile began). */
  mark(name: string): void {
    const wall = performance.now();
    const cpu = cpuMilliseconds();
    this.phases.push({ name, wall: wall - this.wall, cpu: cpu - this.cpu });
    this.wall = wall;
    this.cpu = cpu;
  }

  /** The line printed: `profile: verify: parse 41.2 ms (cpu 38.0), ...`. */
  line(): string {
    const phases = this.phases.map(
      (phase) => `${phase.name} ${phase.wall.toFixed(1)} ms (cpu ${phase.cpu.toFixed(1)})`,
    );
    return `profile: verify: ${phases.join(', ')}`;
  }

  print(): void {
    process.stderr.write(`${this.line()}\n`);
  }
}

function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

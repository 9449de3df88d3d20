/**
 * Crash-consistency test hook (docs/reliability.md, test/reliability/r2-crash-consistency.test.ts).
 * When the environment variable INFRAKIT_TEST_KILL_AT equals `point`, the process sends itself
 * SIGKILL right there: no cleanup, no finally blocks, exactly like a power cut or `kill -9`.
 * Unset (always, outside that suite), it does nothing.
 */
export function killPoint(point: string, environment: NodeJS.ProcessEnv = process.env): void {
  if (environment.INFRAKIT_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}

import { runTool } from './run-tool.js';

const VERSION = /v?\d+\.\d+\.\d+(?:[-+][\w.]+)?/;

/** The version a binary reports (e.g. `1.51.0`, `v2.2.4`), or undefined when it reports none. */
export async function readToolVersion(
  binary: string,
  versionArgs: readonly string[],
  variables: Record<string, string | undefined>,
): Promise<string | undefined> {
  if (versionArgs.length === 0) return undefined;
  const run = await runTool(binary, versionArgs, { cwd: process.cwd(), variables, timeoutMs: 60_000 });
  if (run.exitCode !== 0) return undefined;
  return VERSION.exec(`${run.stdout}\n${run.stderr}`)?.[0];
}

/** True when two versions name the same release, ignoring a leading `v`. */
export function sameVersion(left: string | undefined, right: string): boolean {
  return left !== undefined && left.replace(/^v/, '') === right.replace(/^v/, '');
}

import { packageVersion } from './package-version.js';

/**
 * Answers `infrakit --version` (or `-V`) given as the only argument: prints the version line exactly
 * as commander does and returns true. Returns false for any other arguments, or when the version
 * cannot be read (the full program then reports that as it always has).
 */
export function versionOnly(args: string[], stdout: NodeJS.WritableStream = process.stdout): boolean {
  if (args.length !== 1 || (args[0] !== '--version' && args[0] !== '-V')) return false;
  let version: string;
  try {
    version = packageVersion();
  } catch {
    return false;
  }
  stdout.write(`${version}\n`);
  return true;
}

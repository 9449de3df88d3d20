import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user cache shared by every project: `$XDG_CACHE_HOME/infrakit` or `~/.cache/infrakit`. */
export function userCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INFRAKIT_CACHE_DIR) return env.INFRAKIT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'infrakit');
}

/** The project-local schema index (git-ignored, rebuilt on demand from the user cache). */
export function projectSchemaDirectory(projectRoot: string): string {
  return join(projectRoot, '.infrakit', 'schemas');
}

/** The form of a pack id (`<hash>-f<format>[-<version>]`, `aws-service-spec-<version>-f<n>-d<n>`). */
export const PACK_ID = /^[A-Za-z0-9][\w.-]*$/;

/**
 * Where one imported schema pack lives in the user cache, keyed by its content hash. The id comes
 * from the project's index, which a repository can hold: one that is not a plain name is refused.
 */
export function packDirectory(cacheDirectory: string, packId: string): string {
  if (!PACK_ID.test(packId)) throw new Error(`${JSON.stringify(packId)} is not a schema pack id`);
  return join(cacheDirectory, 'schemas', packId);
}

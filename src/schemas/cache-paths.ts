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

/** Where one imported schema pack lives in the user cache, keyed by its content hash. */
export function packDirectory(cacheDirectory: string, packId: string): string {
  return join(cacheDirectory, 'schemas', packId);
}

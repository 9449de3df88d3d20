import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PACK_FORMAT, readPackManifest, writePack, type PackManifest } from './pack.js';
import { readSchemaSource, sourceHash } from './read-source.js';
import { registerProjectPack } from './project-index.js';
import { packDirectory, userCacheDirectory } from './cache-paths.js';

/** Options for importing schemas. */
export interface ImportOptions {
  projectRoot: string;
  cacheDirectory?: string;
  name?: string;
  version?: string;
  /** Re-derive even when the user cache already holds this content. */
  force?: boolean;
  /** Clock for `importedAt` (injected in tests). */
  now?: () => Date;
}

/** What an import did: the pack, whether it came from the user cache, and how long it took. */
export interface ImportResult {
  manifest: PackManifest;
  fromCache: boolean;
  milliseconds: number;
  problems: string[];
}

/**
 * Imports a CRD file/dir/tarball or a Terraform providers schema into the user cache (keyed by content
 * hash, so a second project does not pay again) and registers it in the project's index.
 */
export async function importSchemas(path: string, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const absolute = resolve(options.projectRoot, path);
  const cacheDirectory = options.cacheDirectory ?? userCacheDirectory();
  const hash = await sourceHash(absolute);
  const id = `${hash.slice(0, 24)}-f${PACK_FORMAT}${options.version ? `-${options.version.replace(/[^\w.-]/g, '_')}` : ''}`;
  let manifest = options.force ? undefined : await readPackManifest(cacheDirectory, id);
  const fromCache = manifest !== undefined;
  let problems: string[] = [];
  if (!manifest) {
    if (options.force) await rm(packDirectory(cacheDirectory, id), { recursive: true, force: true });
    const read = await readSchemaSource(absolute, { name: options.name, version: options.version });
    problems = read.problems;
    manifest = await writePack(
      cacheDirectory,
      id,
      read.source,
      read.kinds,
      Math.round(performance.now() - started),
    );
  }
  await registerProjectPack(options.projectRoot, {
    id,
    name: options.name ?? manifest.source.name,
    version: options.version ?? manifest.source.version,
    tool: manifest.source.tool,
    origin: absolute,
    kinds: manifest.kinds.length,
    importedAt: (options.now?.() ?? new Date()).toISOString(),
  });
  return { manifest, fromCache, milliseconds: Math.round(performance.now() - started), problems };
}

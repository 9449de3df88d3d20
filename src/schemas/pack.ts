import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigError } from '../errors/index.js';
import type { KindSchema } from './schema-node.js';
import { PACK_FORMAT } from './pack-format.js';
import type { PackEntry, PackManifest, PackSource } from './pack-schema.js';
import { packDirectory } from './cache-paths.js';
import { parsePackManifest } from './pack-manifest-parse.js';
import { writePackLookup } from './pack-lookup.js';

export { PACK_FORMAT } from './pack-format.js';
export type { PackEntry, PackManifest, PackSource } from './pack-schema.js';

/** Writes a pack (manifest + one gzip JSON per kind) atomically into the user cache. */
export async function writePack(
  cacheDirectory: string,
  id: string,
  source: PackSource,
  kinds: KindSchema[],
  importMs?: number,
): Promise<PackManifest> {
  const { createHash } = await import('node:crypto');
  const final = packDirectory(cacheDirectory, id);
  const staging = `${final}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(join(staging, 'kinds'), { recursive: true });
  let bytes = 0;
  const entries: PackEntry[] = [];
  for (const [index, kind] of kinds.entries()) {
    const json = JSON.stringify(kind);
    const file = `kinds/${index}.json.gz`;
    const compressed = gzipSync(json, { level: 6 });
    bytes += compressed.length;
    await writeFile(join(staging, file), compressed);
    entries.push({
      key: kind.key,
      tool: kind.tool,
      group: kind.group,
      kind: kind.kind,
      ...(kind.scope ? { scope: kind.scope } : {}),
      versions: kind.versions.map((version) => ({
        name: version.name,
        served: version.served,
        storage: version.storage,
        ...(version.deprecated ? { deprecated: true } : {}),
      })),
      file,
      sha256: createHash('sha256').update(json).digest('hex'),
    });
  }
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    id,
    source,
    ...(importMs !== undefined ? { importMs } : {}),
    kinds: entries,
    bytes: 0,
  };
  manifest.bytes = bytes + JSON.stringify(manifest).length;
  const manifestJson = JSON.stringify(manifest);
  await writeFile(join(staging, 'manifest.json'), manifestJson);
  await writePackLookup(staging, manifest, manifestJson, false);
  const { rm } = await import('node:fs/promises');
  try {
    await rename(staging, final);
  } catch {
    // another process wrote the same content-keyed pack, or an older one is being replaced
    const existing = await readPackManifest(cacheDirectory, id);
    if (existing && existing.kinds.length === manifest.kinds.length) {
      await rm(staging, { recursive: true, force: true });
      return existing;
    }
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
  }
  return manifest;
}

/** Reads a pack manifest from the cache, or undefined when absent or from another format. */
export async function readPackManifest(
  cacheDirectory: string,
  id: string,
): Promise<PackManifest | undefined> {
  return (await readPackManifestText(cacheDirectory, id))?.manifest;
}

/** A pack manifest and the text it was read from (whose sha256 a pack lookup records). */
export async function readPackManifestText(
  cacheDirectory: string,
  id: string,
): Promise<{ manifest: PackManifest; text: string } | undefined> {
  try {
    const text = await readFile(join(packDirectory(cacheDirectory, id), 'manifest.json'), 'utf8');
    // PackManifestSchema's checks, by hand (a cold zod parse of 2,043 entries was most of a verify)
    const manifest = parsePackManifest(JSON.parse(text) as unknown, PACK_FORMAT);
    return manifest ? { manifest, text } : undefined;
  } catch {
    return undefined;
  }
}

/** The only kind files a pack holds (writePack names them so): nothing read from a manifest picks a path. */
const KIND_FILE = /^kinds\/\d+\.json\.gz$/;

/**
 * Loads one kind's schema from a pack. With `sha256` (the entry's), the decompressed schema must hash
 * to it: a damaged or altered cache file is refused rather than trusted.
 */
export async function readPackKind(
  cacheDirectory: string,
  id: string,
  file: string,
  sha256?: string,
): Promise<KindSchema> {
  const directory = packDirectory(cacheDirectory, id);
  const damaged = (problem: string) =>
    new ConfigError(`the schema cache is damaged: ${join(directory, file)} ${problem}`, [], {
      hint: `Remove ${directory}: the next verify rebuilds it from where it was imported from (or run "infrakit schemas import" on it again).`,
    });
  if (!KIND_FILE.test(file)) throw damaged('is not a kind file of a pack (its manifest names it)');
  const json = gunzipSync(await readFile(join(directory, file))).toString('utf8');
  if (sha256 !== undefined) {
    const { createHash } = await import('node:crypto');
    if (createHash('sha256').update(json).digest('hex') !== sha256)
      throw damaged('does not match the sha256 its manifest records');
  }
  return JSON.parse(json) as KindSchema;
}

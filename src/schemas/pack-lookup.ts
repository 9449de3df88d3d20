import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { packDirectory } from './cache-paths.js';
import { parsePackEntry, parsePackSource } from './pack-manifest-parse.js';
import type { PackEntry, PackManifest, PackSource } from './pack.js';

/**
 * The key lookup of a cached pack (`lookup.json` beside `manifest.json`): the pack's source and kind
 * count, its groups, and its entries split by a hash of their key into small shard files
 * (`shards/<n>.json`), so that opening the store and finding a kind reads a few kilobytes instead of
 * the whole manifest (661 kB for the 2,043 kinds of provider-upjet-aws). Each shard's sha256 is in the
 * lookup and is checked on every read; the lookup records the sha256 of the manifest it was derived
 * from. Shard files are named by their number only: nothing read from the cache picks a path.
 */
export interface PackLookup {
  format: typeof LOOKUP_FORMAT;
  id: string;
  source: PackSource;
  /** How many kinds the pack holds. */
  kinds: number;
  bytes?: number;
  /** sha256 of the manifest.json the lookup was derived from. */
  manifestSha256: string;
  groups: string[];
  /** sha256 of each shard file, by shard number. */
  shards: string[];
}

export const LOOKUP_FORMAT = 1;
/** About this many entries per shard file (a few kilobytes). */
const ENTRIES_PER_SHARD = 32;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const shardFile = (index: number): string => `shards/${index}.json`;

/** The shard holding a key: FNV-1a of the key, modulo the shard count. */
export function shardOfKey(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** The lookup of a manifest and the text of each shard file. */
export function buildPackLookup(
  manifest: PackManifest,
  manifestJson: string,
): { lookup: PackLookup; shardTexts: string[] } {
  const count = Math.max(1, Math.ceil(manifest.kinds.length / ENTRIES_PER_SHARD));
  const shards: PackEntry[][] = Array.from({ length: count }, () => []);
  for (const entry of manifest.kinds) shards[shardOfKey(entry.key, count)].push(entry);
  const shardTexts = shards.map((entries) => JSON.stringify(entries));
  const lookup: PackLookup = {
    format: LOOKUP_FORMAT,
    id: manifest.id,
    source: manifest.source,
    kinds: manifest.kinds.length,
    ...(manifest.bytes !== undefined ? { bytes: manifest.bytes } : {}),
    manifestSha256: sha256(manifestJson),
    groups: [...new Set(manifest.kinds.map((entry) => entry.group))].sort(),
    shards: shardTexts.map(sha256),
  };
  return { lookup, shardTexts };
}

/**
 * Writes a pack's lookup into `directory` (the pack's folder). `atomic` for a pack already in place
 * (an older cache gaining its lookup): each file by an atomic rename, the lookup last, so a reader sees
 * either no lookup or a complete one. A staging folder (renamed into place as a whole) needs no more.
 */
export async function writePackLookup(
  directory: string,
  manifest: PackManifest,
  manifestJson: string,
  atomic: boolean,
): Promise<void> {
  const { lookup, shardTexts } = buildPackLookup(manifest, manifestJson);
  const write = atomic ? writeFileAtomic : writeFile;
  await mkdir(join(directory, 'shards'), { recursive: true });
  for (const [index, text] of shardTexts.entries()) await write(join(directory, shardFile(index)), text);
  await write(join(directory, 'lookup.json'), JSON.stringify(lookup));
}

/** Reads a pack's lookup, or undefined when it is absent or not a valid lookup of this pack. */
export async function readPackLookup(cacheDirectory: string, id: string): Promise<PackLookup | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(packDirectory(cacheDirectory, id), 'lookup.json'), 'utf8'));
  } catch {
    return undefined;
  }
  return parsePackLookup(raw, id);
}

const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** Checks a lookup read from disk (by hand, as the manifest: this runs on every verify). */
export function parsePackLookup(raw: unknown, id: string): PackLookup | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const source = parsePackSource(record.source);
  const { kinds, bytes, manifestSha256, groups, shards } = record;
  if (record.format !== LOOKUP_FORMAT || record.id !== id || !source) return undefined;
  if (typeof kinds !== 'number' || !Number.isInteger(kinds) || kinds < 0) return undefined;
  if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isFinite(bytes))) return undefined;
  if (!isHash(manifestSha256)) return undefined;
  if (!Array.isArray(groups) || !groups.every((group) => typeof group === 'string')) return undefined;
  if (!Array.isArray(shards) || shards.length === 0 || !shards.every(isHash)) return undefined;
  return {
    format: LOOKUP_FORMAT,
    id,
    source,
    kinds,
    ...(bytes !== undefined ? { bytes } : {}),
    manifestSha256,
    groups: groups as string[],
    shards: shards as string[],
  };
}

/**
 * The entries of one shard by key, or undefined when the file is missing, its sha256 is not the one
 * the lookup records, or an entry is malformed or belongs to another shard.
 */
export async function readPackShard(
  cacheDirectory: string,
  lookup: PackLookup,
  index: number,
): Promise<Map<string, PackEntry> | undefined> {
  let text: string;
  try {
    text = await readFile(join(packDirectory(cacheDirectory, lookup.id), shardFile(index)), 'utf8');
  } catch {
    return undefined;
  }
  if (sha256(text) !== lookup.shards[index]) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  const entries = new Map<string, PackEntry>();
  for (const item of raw) {
    const entry = parsePackEntry(item);
    if (!entry || shardOfKey(entry.key, lookup.shards.length) !== index) return undefined;
    entries.set(entry.key, entry);
  }
  return entries;
}

/** The sha256 of a manifest's text, to check that a lookup was derived from it. */
export const manifestSha256 = sha256;

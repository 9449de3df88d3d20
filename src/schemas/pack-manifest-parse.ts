import type { PackEntry, PackManifest, PackSource } from './pack.js';

/**
 * Checks a cached pack manifest read from disk and returns it in the shape `PackManifestSchema`
 * (pack.ts) gives: the same acceptance and the same output (unknown keys dropped, keys in schema
 * order), or undefined. Written out by hand because every `verify` reads the manifest of each pack
 * it uses, and zod's cold parse of the 2,043 entries of the AWS provider took 50-140 ms of a
 * process's start-up, more than the verification itself. test/schemas/pack-manifest-parse.test.ts
 * checks it against the zod schema on generated and damaged manifests.
 */
export function parsePackManifest(raw: unknown, format: number): PackManifest | undefined {
  if (!isRecord(raw) || raw.format !== format) return undefined;
  const { id, importMs, bytes, kinds } = raw;
  const source = parsePackSource(raw.source);
  if (typeof id !== 'string' || !source || !optionalNumber(importMs) || !optionalNumber(bytes))
    return undefined;
  if (!Array.isArray(kinds)) return undefined;
  const entries: PackEntry[] = new Array<PackEntry>(kinds.length);
  for (let index = 0; index < kinds.length; index += 1) {
    const entry = parsePackEntry(kinds[index]);
    if (!entry) return undefined;
    entries[index] = entry;
  }
  return {
    format,
    id,
    source,
    ...(importMs !== undefined ? { importMs } : {}),
    ...(bytes !== undefined ? { bytes } : {}),
    kinds: entries,
  } as PackManifest;
}

const SOURCE_TOOLS = new Set(['crossplane', 'kubernetes', 'cloudformation', 'terraform']);
const ENTRY_TOOLS = new Set(['kubernetes', 'cloudformation', 'terraform']);
const SCOPES = new Set(['Namespaced', 'Cluster']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's `z.number()`: a number that is not NaN (Infinity is refused too). */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function optionalNumber(value: unknown): boolean {
  return value === undefined || isNumber(value);
}

/** A pack's `source`, checked as `PackSourceSchema` does. */
export function parsePackSource(value: unknown): PackSource | undefined {
  if (!isRecord(value)) return undefined;
  const { name, version, tool, origin, sha256 } = value;
  if (typeof name !== 'string' || typeof version !== 'string') return undefined;
  if (typeof tool !== 'string' || !SOURCE_TOOLS.has(tool)) return undefined;
  if (typeof origin !== 'string' || typeof sha256 !== 'string') return undefined;
  return { name, version, tool: tool as PackSource['tool'], origin, sha256 };
}

/** One kind's entry, checked as `PackEntrySchema` does. */
export function parsePackEntry(value: unknown): PackEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { key, tool, group, kind, scope, versions, file, sha256 } = value;
  if (typeof key !== 'string' || typeof tool !== 'string' || !ENTRY_TOOLS.has(tool)) return undefined;
  if (typeof group !== 'string' || typeof kind !== 'string') return undefined;
  if (scope !== undefined && (typeof scope !== 'string' || !SCOPES.has(scope))) return undefined;
  if (!Array.isArray(versions)) return undefined;
  const parsedVersions: PackEntry['versions'] = new Array<PackEntry['versions'][number]>(versions.length);
  for (let index = 0; index < versions.length; index += 1) {
    const version: unknown = versions[index];
    if (!isRecord(version)) return undefined;
    const { name, served, storage, deprecated } = version;
    if (typeof name !== 'string' || typeof served !== 'boolean' || typeof storage !== 'boolean')
      return undefined;
    if (deprecated !== undefined && typeof deprecated !== 'boolean') return undefined;
    parsedVersions[index] = { name, served, storage, ...(deprecated !== undefined ? { deprecated } : {}) };
  }
  if (typeof file !== 'string' || typeof sha256 !== 'string') return undefined;
  return {
    key,
    tool: tool as PackEntry['tool'],
    group,
    kind,
    ...(scope !== undefined ? { scope: scope as PackEntry['scope'] } : {}),
    versions: parsedVersions,
    file,
    sha256,
  };
}

import { z } from 'zod';
import { SchemaStore, type StoreOptions } from './store.js';
import { keyFor } from './describe.js';

export const SchemaLockSchema = z.object({
  format: z.literal(1),
  resources: z.array(
    z.object({
      /** `apiVersion kind` or the CloudFormation/Terraform type, as written. */
      resource: z.string(),
      key: z.string(),
      version: z.string(),
      source: z.object({ name: z.string(), version: z.string() }),
      sha256: z.string(),
    }),
  ),
  /** Resources whose schema was not in the store when the lock was built. */
  missing: z.array(z.string()),
});
export type SchemaLock = z.infer<typeof SchemaLockSchema>;

/** A resource used by a plan: apiVersion + kind, or a CloudFormation/Terraform type. */
export type LockedResource = { apiVersion?: string; kind?: string; type?: string };

const labelOf = (resource: LockedResource) =>
  resource.type && !resource.kind
    ? resource.type
    : `${resource.apiVersion ?? ''} ${resource.kind ?? ''}`.trim();

/** Builds schema.lock.json content: each resource used, the schema source and version, and its sha256. */
export async function buildSchemaLock(
  projectRoot: string,
  resources: LockedResource[],
  options: StoreOptions & { store?: SchemaStore } = {},
): Promise<SchemaLock> {
  const store = options.store ?? (await SchemaStore.open(projectRoot, options));
  const lock: SchemaLock = { format: 1, resources: [], missing: [] };
  const seen = new Set<string>();
  for (const resource of resources) {
    const label = labelOf(resource);
    if (seen.has(label)) continue;
    seen.add(label);
    const { key, version } =
      resource.kind && resource.apiVersion
        ? keyFor(resource.apiVersion, resource.kind)
        : { key: resource.type ?? '', version: undefined };
    const found = await store.find(key);
    if (!found) {
      lock.missing.push(label);
      continue;
    }
    lock.resources.push({
      resource: label,
      key,
      version: version ?? found.entry.versions[0]?.name ?? found.source.version,
      source: { name: found.source.name, version: found.source.version },
      sha256: found.entry.sha256,
    });
  }
  lock.resources.sort((left, right) => left.resource.localeCompare(right.resource));
  return lock;
}

/** Warnings when the store now holds different schemas than the lock was built with (empty when they match). */
export async function checkSchemaLock(
  projectRoot: string,
  lock: unknown,
  options: StoreOptions & { store?: SchemaStore } = {},
): Promise<string[]> {
  const parsed = SchemaLockSchema.safeParse(lock);
  if (!parsed.success) return ['schema.lock.json is not a valid schema lock; plan again to rebuild it'];
  const store = options.store ?? (await SchemaStore.open(projectRoot, options));
  const warnings: string[] = [];
  for (const locked of parsed.data.resources) {
    const found = await store.find(locked.key);
    if (!found)
      warnings.push(
        `${locked.resource}: planned against ${locked.source.name} ${locked.source.version}, but that schema is no longer in the store`,
      );
    else if (found.entry.sha256 !== locked.sha256) {
      warnings.push(
        `${locked.resource}: planned against ${locked.source.name} ${locked.source.version}, now checked against ${found.source.name} ${found.source.version} (the schema changed)`,
      );
    }
  }
  return warnings;
}

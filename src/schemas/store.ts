import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KindSchema } from './schema-node.js';
import {
  PACK_FORMAT,
  readPackKind,
  readPackManifest,
  writePack,
  type PackEntry,
  type PackManifest,
  type PackSource,
} from './pack.js';
import { readProjectIndex } from './project-index.js';
import { userCacheDirectory } from './cache-paths.js';

/** A kind known to the store and the source it came from. */
export interface StoreEntry {
  entry: PackEntry;
  source: PackSource;
  packId: string;
}

/** Options for opening the store. */
export interface StoreOptions {
  cacheDirectory?: string;
  env?: NodeJS.ProcessEnv;
  /** Auto-register Crossplane core CRDs found beside the project (../shared/crds/crossplane-*). Default true. */
  autoCore?: boolean;
}

/**
 * The schema store of a project: imported packs (lazy per-kind loading), the built-in CloudFormation
 * specification, and in-memory kinds such as the project's own XRDs.
 */
export class SchemaStore {
  private readonly byKey = new Map<string, StoreEntry>();
  private readonly loaded = new Map<string, KindSchema>();
  private readonly memory = new Map<string, KindSchema>();
  private cloudFormationPack: Promise<PackManifest | undefined> | undefined;
  readonly manifests: PackManifest[] = [];
  /** Problems met while opening (packs missing from the cache whose origin is gone, ...). */
  readonly problems: string[] = [];

  private constructor(
    readonly projectRoot: string,
    readonly cacheDirectory: string,
  ) {}

  /** Opens the store of a project, rebuilding missing cache packs from their origin when it still exists. */
  static async open(projectRoot: string, options: StoreOptions = {}): Promise<SchemaStore> {
    const store = new SchemaStore(
      resolve(projectRoot),
      options.cacheDirectory ?? userCacheDirectory(options.env),
    );
    const index = await readProjectIndex(store.projectRoot);
    for (const pack of index.packs) {
      let manifest = await readPackManifest(store.cacheDirectory, pack.id);
      if (!manifest && existsSync(pack.origin)) {
        // importing (tar, CRD and provider readers) is loaded only when a pack must be rebuilt
        const { importSchemas } = await import('./import.js');
        manifest = (
          await importSchemas(pack.origin, {
            projectRoot: store.projectRoot,
            cacheDirectory: store.cacheDirectory,
            name: pack.name,
            version: pack.version,
          })
        ).manifest;
      }
      if (manifest) store.addManifest(manifest);
      else
        store.problems.push(
          `schema pack ${pack.name} ${pack.version} is missing from the cache and ${pack.origin} is gone: import it again`,
        );
    }
    if (options.autoCore !== false && !store.hasGroup('apiextensions.crossplane.io')) {
      for (const directory of coreCrdDirectories(store.projectRoot, options.env ?? process.env)) {
        const { importSchemas } = await import('./import.js');
        const result = await importSchemas(directory, {
          projectRoot: store.projectRoot,
          cacheDirectory: store.cacheDirectory,
        });
        store.addManifest(result.manifest);
      }
    }
    return store;
  }

  /** Adds a pack's kinds; later packs win on the same key. */
  addManifest(manifest: PackManifest): void {
    this.manifests.push(manifest);
    for (const entry of manifest.kinds)
      this.byKey.set(entry.key, { entry, source: manifest.source, packId: manifest.id });
  }

  /** Adds kinds held in memory (the project's XRDs), which win over packs. */
  addKinds(kinds: KindSchema[], source: PackSource): void {
    for (const kind of kinds) {
      this.memory.set(kind.key, kind);
      this.loaded.set(kind.key, kind);
      const entry: PackEntry = {
        key: kind.key,
        tool: kind.tool,
        group: kind.group,
        kind: kind.kind,
        ...(kind.scope ? { scope: kind.scope } : {}),
        versions: kind.versions.map(({ name, served, storage }) => ({ name, served, storage })),
        file: '',
        sha256: source.sha256,
      };
      this.byKey.set(kind.key, { entry, source, packId: 'memory' });
    }
  }

  /** The entry of a key (`group/Kind`, `AWS::S3::Bucket`, `aws_s3_bucket`), loading the CloudFormation spec on demand. */
  async find(key: string): Promise<StoreEntry | undefined> {
    if (!this.byKey.has(key) && /^(AWS|Alexa)::/.test(key)) await this.ensureCloudFormation();
    return this.byKey.get(key);
  }

  /** Loads one kind's full schema (cached per store). */
  async load(key: string): Promise<KindSchema | undefined> {
    const cached = this.loaded.get(key);
    if (cached) return cached;
    const found = await this.find(key);
    if (!found) return undefined;
    const kind = await readPackKind(this.cacheDirectory, found.packId, found.entry.file);
    this.loaded.set(key, kind);
    return kind;
  }

  /** Whether any kind of this group (or CloudFormation namespace) is known. */
  hasGroup(group: string): boolean {
    for (const { entry } of this.byKey.values()) if (entry.group === group) return true;
    return false;
  }

  /** Every known entry (CloudFormation only once loaded, see `withCloudFormation`). */
  entries(): StoreEntry[] {
    return [...this.byKey.values()];
  }

  /** Makes sure the built-in CloudFormation specification is loaded, then returns all entries. */
  async withCloudFormation(): Promise<StoreEntry[]> {
    await this.ensureCloudFormation();
    return this.entries();
  }

  /** The built-in CloudFormation spec from @aws-cdk/aws-service-spec, derived once into the user cache. */
  ensureCloudFormation(): Promise<PackManifest | undefined> {
    this.cloudFormationPack ??= (async () => {
      const { serviceSpecSource, cloudFormationKinds, CLOUDFORMATION_DERIVATION } =
        await import('./cloudformation/service-spec.js');
      const { createRequire } = await import('node:module');
      const version = (
        createRequire(import.meta.url)('@aws-cdk/aws-service-spec/package.json') as { version: string }
      ).version;
      const id = `aws-service-spec-${version}-f${PACK_FORMAT}-d${CLOUDFORMATION_DERIVATION}`;
      let manifest = await readPackManifest(this.cacheDirectory, id);
      if (!manifest) {
        const started = performance.now();
        const spec = await serviceSpecSource();
        const kinds = await cloudFormationKinds(version);
        const source: PackSource = {
          name: 'aws-service-spec',
          version,
          tool: 'cloudformation',
          origin: '@aws-cdk/aws-service-spec (npm, built in)',
          sha256: spec.sha256,
        };
        manifest = await writePack(
          this.cacheDirectory,
          id,
          source,
          kinds,
          Math.round(performance.now() - started),
        );
      }
      this.manifests.unshift(manifest);
      for (const entry of manifest.kinds)
        if (!this.byKey.has(entry.key))
          this.byKey.set(entry.key, { entry, source: manifest.source, packId: manifest.id });
      return manifest;
    })();
    return this.cloudFormationPack;
  }
}

/** Crossplane core CRD directories beside the project: `../shared/crds/crossplane-*` or $INFRAKIT_CROSSPLANE_CRDS. */
export function coreCrdDirectories(projectRoot: string, env: NodeJS.ProcessEnv): string[] {
  if (env.INFRAKIT_CROSSPLANE_CRDS)
    return existsSync(env.INFRAKIT_CROSSPLANE_CRDS) ? [env.INFRAKIT_CROSSPLANE_CRDS] : [];
  const shared = join(projectRoot, '..', 'shared', 'crds');
  if (!existsSync(shared)) return [];
  const found = readdirSync(shared)
    .filter((name) => /^crossplane-v\d/.test(name))
    .sort();
  return found.length ? [join(shared, found[found.length - 1])] : [];
}

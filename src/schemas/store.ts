import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KindSchema } from './schema-node.js';
import {
  PACK_FORMAT,
  readPackKind,
  readPackManifestText,
  writePack,
  type PackEntry,
  type PackManifest,
  type PackSource,
} from './pack.js';
import {
  manifestSha256,
  readPackLookup,
  readPackShard,
  shardOfKey,
  writePackLookup,
  type PackLookup,
} from './pack-lookup.js';
import { readProjectIndex } from './project-index.js';
import { PACK_ID, packDirectory, userCacheDirectory } from './cache-paths.js';

/** A kind known to the store and the source it came from. */
export interface StoreEntry {
  entry: PackEntry;
  source: PackSource;
  packId: string;
}

/** A pack the store opened: its id, source, and how many kinds and groups it holds (no entry is read for this). */
export interface PackSummary {
  id: string;
  source: PackSource;
  kinds: number;
  groups: number;
}

/** Options for opening the store. */
export interface StoreOptions {
  cacheDirectory?: string;
  env?: NodeJS.ProcessEnv;
  /** Auto-register Crossplane core CRDs found beside the project (../shared/crds/crossplane-*). Default true. */
  autoCore?: boolean;
}

/**
 * One layer of kinds: a cached pack (its entries read through its lookup, shard by shard, or from the
 * whole manifest when it has no lookup) or kinds held in memory. Later layers win on the same key,
 * except the built-in CloudFormation specification, which every other layer overrides.
 */
interface Layer {
  summary: PackSummary;
  lowest: boolean;
  groups: Set<string>;
  lookup?: PackLookup;
  /** Every entry by key: from the manifest, or from memory. */
  entries?: Map<string, PackEntry>;
  shards: Map<number, Promise<Map<string, PackEntry> | undefined>>;
}

/**
 * The schema store of a project: imported packs (lazy per-kind loading), the built-in CloudFormation
 * specification, and in-memory kinds such as the project's own XRDs. Opening it reads each pack's
 * small lookup, not its manifest; finding a kind reads the one shard that holds its key.
 */
export class SchemaStore {
  private readonly layers: Layer[] = [];
  private readonly loaded = new Map<string, KindSchema>();
  /** Kinds being read (one read per key, however many ask at once). */
  private readonly loading = new Map<string, Promise<KindSchema | undefined>>();
  private readonly found = new Map<string, Promise<StoreEntry | undefined>>();
  private cloudFormationPack: Promise<PackSummary | undefined> | undefined;
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
      if (!PACK_ID.test(pack.id)) {
        store.problems.push(
          `schema pack ${pack.name} ${pack.version}: ${JSON.stringify(pack.id)} in .infrakit/schemas/index.json is not a pack id: import it again`,
        );
        continue;
      }
      if (await store.addCachedPack(pack.id, false)) continue;
      if (existsSync(pack.origin)) {
        // importing (tar, CRD and provider readers) is loaded only when a pack must be rebuilt
        const { importSchemas } = await import('./import.js');
        const { manifest } = await importSchemas(pack.origin, {
          projectRoot: store.projectRoot,
          cacheDirectory: store.cacheDirectory,
          name: pack.name,
          version: pack.version,
        });
        store.addManifest(manifest);
      } else
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

  /**
   * Adds a pack of the user cache through its lookup; a pack without one (written by an older
   * infrakit) is read whole once and given its lookup. Undefined when the pack is not in the cache.
   */
  private async addCachedPack(id: string, lowest: boolean): Promise<PackSummary | undefined> {
    const lookup = await readPackLookup(this.cacheDirectory, id);
    if (lookup) {
      const groups = new Set(lookup.groups);
      const summary = { id, source: lookup.source, kinds: lookup.kinds, groups: groups.size };
      this.addLayer({ summary, lowest, groups, lookup, shards: new Map() });
      return summary;
    }
    const read = await readPackManifestText(this.cacheDirectory, id);
    if (!read) return undefined;
    await writePackLookup(packDirectory(this.cacheDirectory, id), read.manifest, read.text, true).catch(
      () => undefined, // a read-only cache still verifies, from the manifest
    );
    return this.addManifest(read.manifest, lowest);
  }

  /** Adds a pack's kinds from its whole manifest; later packs win on the same key. */
  addManifest(manifest: PackManifest, lowest = false): PackSummary {
    const groups = new Set(manifest.kinds.map((entry) => entry.group));
    const summary = {
      id: manifest.id,
      source: manifest.source,
      kinds: manifest.kinds.length,
      groups: groups.size,
    };
    this.addLayer({
      summary,
      lowest,
      groups,
      entries: new Map(manifest.kinds.map((entry) => [entry.key, entry])),
      shards: new Map(),
    });
    return summary;
  }

  private addLayer(layer: Layer): void {
    if (layer.lowest) this.layers.unshift(layer);
    else this.layers.push(layer);
    this.found.clear();
    this.loading.clear();
  }

  /** Adds kinds held in memory (the project's XRDs), which win over packs. */
  addKinds(kinds: KindSchema[], source: PackSource): void {
    const entries = new Map<string, PackEntry>();
    for (const kind of kinds) {
      this.loaded.set(kind.key, kind);
      entries.set(kind.key, {
        key: kind.key,
        tool: kind.tool,
        group: kind.group,
        kind: kind.kind,
        ...(kind.scope ? { scope: kind.scope } : {}),
        versions: kind.versions.map(({ name, served, storage }) => ({ name, served, storage })),
        file: '',
        sha256: source.sha256,
      });
    }
    const groups = new Set(kinds.map((kind) => kind.group));
    this.addLayer({
      summary: { id: 'memory', source, kinds: kinds.length, groups: groups.size },
      lowest: false,
      groups,
      entries,
      shards: new Map(),
    });
  }

  /** The packs opened, lowest priority first (CloudFormation only once loaded). */
  get packs(): PackSummary[] {
    return this.layers.filter((layer) => layer.summary.id !== 'memory').map((layer) => layer.summary);
  }

  /** The entry of a key (`group/Kind`, `AWS::S3::Bucket`, `aws_s3_bucket`), loading the CloudFormation spec on demand. */
  find(key: string): Promise<StoreEntry | undefined> {
    let found = this.found.get(key);
    if (!found) {
      found = this.search(key);
      this.found.set(key, found);
    }
    return found;
  }

  private async search(key: string): Promise<StoreEntry | undefined> {
    const inLayers = async () => {
      for (let index = this.layers.length - 1; index >= 0; index -= 1) {
        const layer = this.layers[index];
        const entry = await this.entryOf(layer, key);
        if (entry) return { entry, source: layer.summary.source, packId: layer.summary.id };
      }
      return undefined;
    };
    const found = await inLayers();
    if (found || !/^(AWS|Alexa)::/.test(key)) return found;
    // (once loaded, or while another find loads it, the same promise: the layers are read again)
    await this.ensureCloudFormation();
    return inLayers();
  }

  /** A layer's entry of a key: from its entries, or from the one shard of its lookup that holds the key. */
  private async entryOf(layer: Layer, key: string): Promise<PackEntry | undefined> {
    if (layer.entries) return layer.entries.get(key);
    const lookup = layer.lookup!;
    const shard = shardOfKey(key, lookup.shards.length);
    let entries = layer.shards.get(shard);
    if (!entries) {
      entries = readPackShard(this.cacheDirectory, lookup, shard);
      layer.shards.set(shard, entries);
    }
    const read = await entries;
    if (read) return read.get(key);
    // a damaged or missing shard: the manifest is the authority
    return (await this.readWhole(layer)).get(key);
  }

  /** Every entry of a layer; one opened through its lookup reads its whole manifest (for suggestions). */
  private async readWhole(layer: Layer): Promise<Map<string, PackEntry>> {
    if (layer.entries) return layer.entries;
    const read = await readPackManifestText(this.cacheDirectory, layer.summary.id);
    if (!read || manifestSha256(read.text) !== layer.lookup?.manifestSha256) {
      this.problems.push(
        `schema pack ${layer.summary.source.name} ${layer.summary.source.version}: its lookup does not match its manifest (a damaged cache): remove ${packDirectory(this.cacheDirectory, layer.summary.id)} and import it again`,
      );
      layer.entries = new Map();
    } else layer.entries = new Map(read.manifest.kinds.map((entry) => [entry.key, entry]));
    return layer.entries;
  }

  /** Loads one kind's full schema (cached per store), checked against the sha256 its entry records. */
  async load(key: string): Promise<KindSchema | undefined> {
    const cached = this.loaded.get(key);
    if (cached) return cached;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.readKind(key);
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * Starts reading the kinds of these keys all at once and waits for them: a run that then checks
   * its resources one by one finds each kind read, instead of waiting for one file after another.
   * A kind that cannot be read is left to the `load` that needs it, which reports it.
   */
  async prefetch(keys: Iterable<string>): Promise<void> {
    await Promise.all(
      [...new Set(keys)].map((key) =>
        this.load(key).then(
          () => undefined,
          () => undefined,
        ),
      ),
    );
  }

  private async readKind(key: string): Promise<KindSchema | undefined> {
    const found = await this.find(key);
    if (!found) return undefined;
    const kind = await readPackKind(this.cacheDirectory, found.packId, found.entry.file, found.entry.sha256);
    this.loaded.set(key, kind);
    return kind;
  }

  /** Whether any kind of this group (or CloudFormation namespace) is known. */
  hasGroup(group: string): boolean {
    return this.layers.some((layer) => layer.groups.has(group));
  }

  /** Every known entry, one per key (CloudFormation only once loaded): reads every pack's manifest. */
  async entries(): Promise<StoreEntry[]> {
    const byKey = new Map<string, StoreEntry & { rank: number }>();
    // in the order the layers were added (CloudFormation, added on demand, last), lowest rank losing
    const ordered = [
      ...this.layers.filter((layer) => !layer.lowest),
      ...this.layers.filter((layer) => layer.lowest),
    ];
    for (const layer of ordered) {
      const rank = layer.lowest ? -1 : this.layers.indexOf(layer);
      for (const entry of (await this.readWhole(layer)).values()) {
        const previous = byKey.get(entry.key);
        if (!previous || previous.rank < rank)
          byKey.set(entry.key, { entry, source: layer.summary.source, packId: layer.summary.id, rank });
      }
    }
    return [...byKey.values()].map(({ entry, source, packId }) => ({ entry, source, packId }));
  }

  /** Makes sure the built-in CloudFormation specification is loaded, then returns all entries. */
  async withCloudFormation(): Promise<StoreEntry[]> {
    await this.ensureCloudFormation();
    return this.entries();
  }

  /**
   * The built-in CloudFormation spec from @aws-cdk/aws-service-spec, derived once into the user cache
   * (a pack keyed by the package's version and the derivation): a warm run reads only its lookup and
   * the shards and kinds of the types a template uses.
   */
  ensureCloudFormation(): Promise<PackSummary | undefined> {
    this.cloudFormationPack ??= (async () => {
      const { serviceSpecSource, cloudFormationKinds, CLOUDFORMATION_DERIVATION } =
        await import('./cloudformation/service-spec.js');
      const { createRequire } = await import('node:module');
      const version = (
        createRequire(import.meta.url)('@aws-cdk/aws-service-spec/package.json') as { version: string }
      ).version;
      const id = `aws-service-spec-${version}-f${PACK_FORMAT}-d${CLOUDFORMATION_DERIVATION}`;
      const cached = await this.addCachedPack(id, true);
      if (cached) return cached;
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
      const manifest = await writePack(
        this.cacheDirectory,
        id,
        source,
        kinds,
        Math.round(performance.now() - started),
      );
      return this.addManifest(manifest, true);
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

import { describeNode, resolveNode, type KindSchema, type SchemaNode } from './schema-node.js';
import type { SchemaStore, StoreEntry } from './store.js';
import { nodeAtPath, pathSegments } from '../verify/schema-walk.js';
import { didYouMean } from '../verify/did-you-mean.js';

/** One match of a resource type search. */
export interface ResourceTypeMatch {
  /** What to write: `apiVersion` + `kind`, or the CloudFormation / Terraform type. */
  apiVersion?: string;
  kind: string;
  type: string;
  tool: string;
  scope?: string;
  versions: string[];
  source: string;
}

/** The store key for (apiVersion, kind) or a bare type (`AWS::S3::Bucket`, `aws_s3_bucket`). */
export function keyFor(apiVersionOrType: string, kind?: string): { key: string; version?: string } {
  if (!kind || /^(AWS|Alexa|Custom)::/.test(apiVersionOrType) || /^[a-z0-9]+_/.test(apiVersionOrType))
    return { key: apiVersionOrType };
  const [group, version] = apiVersionOrType.includes('/')
    ? apiVersionOrType.split('/')
    : ['', apiVersionOrType];
  return { key: `${group}/${kind}`, version };
}

function matchOf(entry: StoreEntry): ResourceTypeMatch {
  const served = entry.entry.versions.filter((version) => version.served).map((version) => version.name);
  const storage = entry.entry.versions.find((version) => version.storage)?.name ?? served[served.length - 1];
  const isKubernetes = entry.entry.tool === 'kubernetes';
  return {
    ...(isKubernetes ? { apiVersion: `${entry.entry.group}/${storage}` } : {}),
    kind: entry.entry.kind,
    type: entry.entry.key,
    tool: entry.source.tool,
    ...(entry.entry.scope ? { scope: entry.entry.scope } : {}),
    versions: served,
    source: `${entry.source.name} ${entry.source.version}`,
  };
}

/** Resource types whose kind, group or type contains every word of the query (case-insensitive). */
export async function listResourceTypes(
  store: SchemaStore,
  query: string,
  limit = 40,
): Promise<ResourceTypeMatch[]> {
  const words = query
    .toLowerCase()
    .split(/[\s/]+/)
    .filter(Boolean);
  const entries = await store.withCloudFormation();
  const matches = entries.filter((entry) => {
    const haystack = `${entry.entry.group} ${entry.entry.kind} ${entry.entry.key}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  return matches
    .sort(
      (left, right) =>
        left.entry.kind.length - right.entry.kind.length || left.entry.key.localeCompare(right.entry.key),
    )
    .slice(0, limit)
    .map(matchOf);
}

/** Top-level description of a resource: versions, required fields and the fields under its body. */
export interface ResourceDescription extends ResourceTypeMatch {
  version: string;
  description?: string;
  required: string[];
  fields: Array<{ name: string; type: string; required: boolean }>;
  /** Where the fields live: `spec.forProvider` for Crossplane managed resources, the body otherwise. */
  fieldsPath: string;
  requiredParameters?: string[];
}

async function loadFor(
  store: SchemaStore,
  apiVersionOrType: string,
  kind?: string,
): Promise<
  { kind: KindSchema; entry: StoreEntry; version: KindSchema['versions'][number] } | { error: string }
> {
  const { key, version } = keyFor(apiVersionOrType, kind);
  const entry = await store.find(key);
  if (!entry) {
    const names = (await store.withCloudFormation()).map((candidate) => candidate.entry.key);
    const suggestions = didYouMean(key, names);
    return {
      error: `no schema for ${key} in the store${suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : '; import it with `infrakit schemas import <path>`'}`,
    };
  }
  const loaded = (await store.load(key))!;
  const chosen = version
    ? loaded.versions.find((candidate) => candidate.name === version)
    : (loaded.versions.find((candidate) => candidate.storage) ?? loaded.versions[0]);
  if (!chosen || !chosen.served)
    return {
      error: `${key} is not served at version ${version}; served: ${loaded.versions
        .filter((candidate) => candidate.served)
        .map((candidate) => candidate.name)
        .join(', ')}`,
    };
  return { kind: loaded, entry, version: chosen };
}

function childrenOf(
  node: SchemaNode | undefined,
  definitions?: Record<string, SchemaNode>,
): Array<{ name: string; type: string; required: boolean }> {
  const resolved = resolveNode(node, definitions);
  const target = resolved?.type === 'array' ? resolveNode(resolved.items, definitions) : resolved;
  const required = new Set(target?.required ?? []);
  return Object.entries(target?.properties ?? {}).map(([name, child]) => ({
    name,
    type: describeNode(child, definitions),
    required: required.has(name),
  }));
}

/** Describes a resource (apiVersion + kind, or a CloudFormation/Terraform type). */
export async function describeResource(
  store: SchemaStore,
  apiVersionOrType: string,
  kind?: string,
): Promise<ResourceDescription | { error: string }> {
  const loaded = await loadFor(store, apiVersionOrType, kind);
  if ('error' in loaded) return loaded;
  const isManaged = Boolean(nodeAtPath(loaded.version.schema, ['spec', 'forProvider']));
  const fieldsPath = isManaged ? 'spec.forProvider' : loaded.kind.tool === 'kubernetes' ? 'spec' : '';
  const fieldsNode = fieldsPath
    ? nodeAtPath(loaded.version.schema, pathSegments(fieldsPath), loaded.kind.definitions)
    : loaded.version.schema;
  const fields = childrenOf(fieldsNode, loaded.kind.definitions);
  return {
    ...matchOf(loaded.entry),
    version: loaded.version.name,
    ...(loaded.version.schema.description ? { description: loaded.version.schema.description } : {}),
    required: [...(loaded.version.schema.required ?? []), ...(loaded.version.requiredParameters ?? [])],
    fields,
    fieldsPath,
    ...(loaded.version.requiredParameters ? { requiredParameters: loaded.version.requiredParameters } : {}),
  };
}

/** One field: its type, whether it is required, its description and children. */
export interface FieldDescription {
  path: string;
  type: string;
  required: boolean;
  description?: string;
  enum?: unknown[];
  children: Array<{ name: string; type: string; required: boolean }>;
}

/** Describes a field of a resource by dotted path (`spec.forProvider.pointInTimeRecovery`). */
export async function describeField(
  store: SchemaStore,
  apiVersionOrType: string,
  kind: string | undefined,
  path: string,
): Promise<FieldDescription | { error: string }> {
  const loaded = await loadFor(store, apiVersionOrType, kind);
  if ('error' in loaded) return loaded;
  const segments = pathSegments(path);
  const node = nodeAtPath(loaded.version.schema, segments, loaded.kind.definitions);
  if (!node) {
    const parentPath = segments.slice(0, -1);
    const parent = nodeAtPath(loaded.version.schema, parentPath, loaded.kind.definitions);
    const names = childrenOf(parent, loaded.kind.definitions).map((child) => child.name);
    const last = String(segments[segments.length - 1] ?? '');
    const suggestions = didYouMean(last, names);
    return {
      error: `${path}: no such field in ${loaded.entry.entry.key} ${loaded.version.name}${suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : names.length ? `; fields here: ${names.join(', ')}` : ''}`,
    };
  }
  const parent = nodeAtPath(loaded.version.schema, segments.slice(0, -1), loaded.kind.definitions);
  const name = String(segments[segments.length - 1]);
  const requiredByParameters = (loaded.version.requiredParameters ?? []).includes(path);
  return {
    path,
    type: describeNode(node, loaded.kind.definitions),
    required: Boolean(parent?.required?.includes(name)) || requiredByParameters,
    ...(node.description ? { description: node.description } : {}),
    ...(node.enum ? { enum: node.enum } : {}),
    children: childrenOf(node, loaded.kind.definitions),
  };
}

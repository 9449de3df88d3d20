import type { IacKind, Resource, SourceLocation } from '../resource-model.js';

/** Crossplane API groups: core, functions, and providers built on upjet. */
const CROSSPLANE_GROUP = /(^|\.)(crossplane\.io|upbound\.io)$/;

/** The group of an apiVersion (`''` for the core group). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** `crossplane` for Crossplane and provider groups, else `kubernetes`. */
export function toolOfApiVersion(apiVersion: string): IacKind {
  return CROSSPLANE_GROUP.test(groupOf(apiVersion)) ? 'crossplane' : 'kubernetes';
}

/** Keeps the entries of `fieldLines` under `prefix`, re-rooted at the prefix. */
export function fieldLinesUnder(fieldLines: Record<string, number>, prefix: string): Record<string, number> {
  if (prefix === '') return { ...fieldLines };
  const result: Record<string, number> = {};
  for (const [path, line] of Object.entries(fieldLines)) {
    if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = line;
    else if (path.startsWith(`${prefix}[`)) result[path.slice(prefix.length)] = line;
  }
  return result;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A Kubernetes-style object (apiVersion + kind) as a Resource; the body is the whole manifest. */
export function manifestResource(
  object: Record<string, unknown>,
  location: SourceLocation,
  fieldLines: Record<string, number>,
  fallbackName: string,
  origin?: Resource['origin'],
): Resource {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const metadata = asRecord(object.metadata);
  const annotations = asRecord(metadata.annotations);
  const spec = asRecord(object.spec);
  const compositionName = annotations['gotemplating.fn.crossplane.io/composition-resource-name'];
  const name =
    typeof compositionName === 'string'
      ? compositionName
      : typeof metadata.name === 'string'
        ? metadata.name
        : fallbackName;
  const meta: Record<string, unknown> = {};
  for (const key of [
    'deletionPolicy',
    'managementPolicies',
    'providerConfigRef',
    'writeConnectionSecretToRef',
  ]) {
    if (key in spec) meta[key] = spec[key];
  }
  if (metadata.namespace !== undefined) meta.namespace = metadata.namespace;
  return {
    tool: toolOfApiVersion(apiVersion),
    type: apiVersion ? `${apiVersion}/${kind}` : kind,
    apiVersion,
    kind,
    name,
    body: object,
    meta,
    location,
    fieldLines,
    ...(origin ? { origin } : {}),
  };
}

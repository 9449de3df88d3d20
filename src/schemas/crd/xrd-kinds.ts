import type { KindSchema, SchemaNode } from '../schema-node.js';
import { toSchemaNode } from './openapi.js';

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const OPEN_OBJECT: SchemaNode = { type: 'object', preserveUnknown: true };
const reference = (description: string): SchemaNode => ({ ...OPEN_OBJECT, description });

/** Fields Crossplane adds to every v1 composite resource's spec (Crossplane's own API, not the user's schema). */
const LEGACY_COMPOSITE_FIELDS: Record<string, SchemaNode> = {
  compositionRef: reference('Crossplane: the Composition to use'),
  compositionSelector: reference('Crossplane: labels that select a Composition'),
  compositionRevisionRef: reference('Crossplane: the CompositionRevision to use'),
  compositionRevisionSelector: reference('Crossplane: labels that select a CompositionRevision'),
  compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] },
  claimRef: reference('Crossplane: the claim bound to this composite'),
  resourceRefs: { type: 'array', items: OPEN_OBJECT },
  writeConnectionSecretToRef: reference('Crossplane: where to write connection details'),
  publishConnectionDetailsTo: reference('Crossplane: where to publish connection details'),
  environmentConfigRefs: { type: 'array', items: OPEN_OBJECT },
};

/** Fields Crossplane adds to a v1 claim's spec. */
const CLAIM_FIELDS: Record<string, SchemaNode> = {
  compositionRef: reference('Crossplane: the Composition to use'),
  compositionSelector: reference('Crossplane: labels that select a Composition'),
  compositionRevisionRef: reference('Crossplane: the CompositionRevision to use'),
  compositionRevisionSelector: reference('Crossplane: labels that select a CompositionRevision'),
  compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] },
  compositeDeletePolicy: { type: 'string', enum: ['Background', 'Foreground'] },
  resourceRef: reference('Crossplane: the composite bound to this claim'),
  writeConnectionSecretToRef: reference('Crossplane: where to write connection details'),
  publishConnectionDetailsTo: reference('Crossplane: where to publish connection details'),
};

/** Fields Crossplane v2 adds under `spec.crossplane` of a composite resource. */
const V2_COMPOSITE_FIELDS: Record<string, SchemaNode> = {
  crossplane: {
    type: 'object',
    properties: {
      compositionRef: reference('the Composition to use'),
      compositionSelector: reference('labels that select a Composition'),
      compositionRevisionRef: reference('the CompositionRevision to use'),
      compositionRevisionSelector: reference('labels that select a CompositionRevision'),
      compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] },
      resourceRefs: { type: 'array', items: OPEN_OBJECT },
    },
  },
};

function withSpecFields(openApi: unknown, extra: Record<string, SchemaNode>): SchemaNode {
  const user = toSchemaNode(openApi);
  const spec = user.properties?.spec ?? { type: 'object' };
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...user.properties,
      spec: { ...spec, type: 'object', properties: { ...extra, ...spec.properties } },
      status: user.properties?.status ?? OPEN_OBJECT,
    },
    ...(user.required ? { required: user.required } : {}),
  };
}

/** The composite (XR) and, for v1 legacy XRDs, the claim kind an XRD defines. */
export function xrdKinds(xrd: Record<string, unknown>): KindSchema[] {
  const apiVersion = String(xrd.apiVersion ?? '');
  const spec = asRecord(xrd.spec);
  const group = typeof spec.group === 'string' ? spec.group : undefined;
  const kind = asRecord(spec.names).kind;
  if (!group || typeof kind !== 'string' || !Array.isArray(spec.versions)) return [];
  const isV2 = apiVersion.endsWith('/v2');
  const scope = typeof spec.scope === 'string' ? spec.scope : isV2 ? 'Namespaced' : 'LegacyCluster';
  const legacy = scope === 'LegacyCluster';
  const versions = spec.versions.map(asRecord);
  const build = (extra: Record<string, SchemaNode>) =>
    versions.map((version) => ({
      name: String(version.name),
      served: version.served !== false,
      storage: version.referenceable === true,
      schema: withSpecFields(asRecord(version.schema).openAPIV3Schema, extra),
    }));
  const kinds: KindSchema[] = [
    {
      key: `${group}/${kind}`,
      tool: 'kubernetes',
      group,
      kind,
      scope: scope === 'Namespaced' ? 'Namespaced' : 'Cluster',
      versions: build(legacy ? LEGACY_COMPOSITE_FIELDS : V2_COMPOSITE_FIELDS),
    },
  ];
  const claimKind = asRecord(spec.claimNames).kind;
  if (legacy && typeof claimKind === 'string') {
    kinds.push({
      key: `${group}/${claimKind}`,
      tool: 'kubernetes',
      group,
      kind: claimKind,
      scope: 'Namespaced',
      versions: build(CLAIM_FIELDS),
    });
  }
  return kinds;
}

import { loadAll } from 'js-yaml';
import { aliasLimitProblemInText } from '../../iac/yaml/alias-limits.js';
import type { KindSchema, KindVersion, SchemaNode } from '../schema-node.js';
import { toSchemaNode, requiredParameters } from './openapi.js';

/** Where a document came from, for error messages. */
export interface CrdProblem {
  file: string;
  message: string;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Reads every CustomResourceDefinition in a YAML/JSON text (other documents are ignored). */
export function readCrds(text: string, file: string): { kinds: KindSchema[]; problems: CrdProblem[] } {
  const aliasProblem = aliasLimitProblemInText(text);
  if (aliasProblem) return { kinds: [], problems: [{ file, message: `refused: ${aliasProblem}` }] };
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch (error) {
    return {
      kinds: [],
      problems: [{ file, message: error instanceof Error ? error.message.split('\n')[0] : String(error) }],
    };
  }
  const kinds: KindSchema[] = [];
  const problems: CrdProblem[] = [];
  for (const document of documents) {
    const record = asRecord(document);
    if (
      record.kind !== 'CustomResourceDefinition' ||
      !String(record.apiVersion ?? '').startsWith('apiextensions.k8s.io/')
    )
      continue;
    const kind = crdToKind(record);
    if (kind) kinds.push(kind);
    else
      problems.push({
        file,
        message: 'a CustomResourceDefinition without spec.group, spec.names.kind or versions',
      });
  }
  return { kinds, problems };
}

/** One CRD object as a KindSchema. */
export function crdToKind(crd: Record<string, unknown>): KindSchema | undefined {
  const spec = asRecord(crd.spec);
  const names = asRecord(spec.names);
  const group = typeof spec.group === 'string' ? spec.group : undefined;
  const kind = typeof names.kind === 'string' ? names.kind : undefined;
  if (!group || !kind || !Array.isArray(spec.versions)) return undefined;
  const versions: KindVersion[] = spec.versions.map((raw) => {
    const version = asRecord(raw);
    const openApi = asRecord(asRecord(version.schema).openAPIV3Schema);
    const schema: SchemaNode = toSchemaNode(openApi);
    // Manifests never set status (the controller does): keep it open and drop its large subtree.
    if (schema.properties?.status)
      schema.properties.status = {
        type: 'object',
        preserveUnknown: true,
        description: 'written by the controller, not by manifests',
      };
    const required = requiredParameters(openApi);
    return {
      name: String(version.name),
      served: version.served !== false,
      storage: version.storage === true,
      ...(version.deprecated === true ? { deprecated: true } : {}),
      ...(typeof version.deprecationWarning === 'string'
        ? { deprecationWarning: version.deprecationWarning }
        : {}),
      schema,
      ...(required.length ? { requiredParameters: required } : {}),
    };
  });
  return {
    key: `${group}/${kind}`,
    tool: 'kubernetes',
    group,
    kind,
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions,
  };
}

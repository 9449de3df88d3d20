import type { ParsedSource, Resource } from '../iac/resource-model.js';
import { asRecord, readPath } from './values.js';

/** One field an XRD declares under spec (parameters) or status. */
export interface DefinedField {
  name: string;
  /** Dotted path in the XR, e.g. `spec.parameters.region`. */
  path: string;
  schema: Record<string, unknown>;
}

export const isDefinition = (resource: Resource): boolean =>
  resource.tool === 'crossplane' &&
  resource.kind === 'CompositeResourceDefinition' &&
  (resource.apiVersion ?? '').startsWith('apiextensions.crossplane.io/');

/** The leaf fields of an object schema, descending into nested objects that list properties. */
function leaves(schema: Record<string, unknown>, path: string): DefinedField[] {
  return Object.entries(asRecord(schema.properties) ?? {}).flatMap(([name, raw]) => {
    const child = asRecord(raw) ?? {};
    const nested = asRecord(child.properties);
    if (nested && Object.keys(nested).length) return leaves(child, `${path}.${name}`);
    return [{ name, path: `${path}.${name}`, schema: child }];
  });
}

/** The spec and status fields of each served version of an XRD (the first version that has a schema). */
export function definedFields(definition: Resource): { spec: DefinedField[]; status: DefinedField[] } {
  const versions = readPath(definition.body, 'spec.versions');
  const schema = (Array.isArray(versions) ? versions : [])
    .map((version) => asRecord(readPath(version, 'schema.openAPIV3Schema')))
    .find((candidate) => candidate !== undefined);
  const spec = asRecord(readPath(schema, 'properties.spec')) ?? {};
  const status = asRecord(readPath(schema, 'properties.status')) ?? {};
  return { spec: leaves(spec, 'spec'), status: leaves(status, 'status') };
}

/** The Compositions in the source that compose this XRD's kind. */
export function compositionsOf(definition: Resource, resources: readonly Resource[]): Resource[] {
  const kind = readPath(definition.body, 'spec.names.kind');
  return resources.filter(
    (resource) =>
      resource.tool === 'crossplane' &&
      resource.kind === 'Composition' &&
      readPath(resource.body, 'spec.compositeTypeRef.kind') === kind,
  );
}

/** The line of a field of the XRD's schema, else the XRD's own line. */
export function definitionLine(definition: Resource, needle: string): number {
  const lines = definition.fieldLines ?? {};
  const found = Object.entries(lines).find(([path]) => path.endsWith(needle));
  return found?.[1] ?? definition.location.line;
}

/** The XRD of the Composition that composes `resource`, from the same parsed sources. */
export function definitionOfComposed(resource: Resource, parsed: ParsedSource): Resource | undefined {
  const composition = parsed.resources.find(
    (candidate) => candidate.kind === 'Composition' && candidate.name === resource.origin?.composition,
  );
  const typeRef = asRecord(asRecord(composition?.body.spec)?.compositeTypeRef);
  const [group] = String(typeRef?.apiVersion ?? '').split('/');
  return parsed.resources.find((candidate) => {
    const spec = asRecord(candidate.body.spec);
    return (
      candidate.kind === 'CompositeResourceDefinition' &&
      spec?.group === group &&
      asRecord(spec?.names)?.kind === typeRef?.kind
    );
  });
}

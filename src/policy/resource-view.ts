import type { Resource, UnknownValue } from '../iac/resource-model.js';
import { recordedPatchTargets, type PatchTarget } from '../iac/crossplane/patches.js';
import { fieldPathSegments } from '../iac/field-path.js';
import { kindOf, type KindEntry } from './catalogue.js';
import { asRecord, readPath } from './values.js';

/** Names of one field in each tool's spelling: Terraform snake_case, CloudFormation Pascal, upjet camel. */
export interface FieldNames {
  terraform?: string;
  cloudformation?: string;
  crossplane?: string;
}

/** A resource seen through the policy rules: its provider arguments, field paths and lines. */
export interface ResourceView {
  resource: Resource;
  entry: KindEntry | undefined;
  /** Terraform block, CloudFormation Properties, or Crossplane spec.forProvider. */
  arguments: Record<string, unknown>;
  /** Prefix of argument paths in findings: '', 'Properties.' or 'spec.forProvider.'. */
  prefix: string;
}

/** Builds the view; accepts a Crossplane body that is the whole manifest or only its spec. */
export function viewOf(resource: Resource): ResourceView {
  const entry = kindOf(resource);
  if (resource.tool === 'cloudformation') {
    const properties =
      asRecord(resource.body.Properties) ?? (resource.body.Type !== undefined ? {} : resource.body);
    return { resource, entry, arguments: properties, prefix: 'Properties.' };
  }
  if (resource.tool === 'terraform') return { resource, entry, arguments: resource.body, prefix: '' };
  const spec = asRecord(resource.body.spec) ?? resource.body;
  return {
    resource,
    entry,
    arguments: withPatchedFields(asRecord(spec.forProvider) ?? {}, resource),
    prefix: 'spec.forProvider.',
  };
}

/** Fields a patch-and-transform patch writes are unknown until render: mark them so rules do not guess. */
function withPatchedFields(
  forProvider: Record<string, unknown>,
  resource: Resource,
): Record<string, unknown> {
  const targets = recordedPatchTargets(resource.meta);
  if (targets.length === 0) return forProvider;
  const copy: Record<string, unknown> = structuredClone(forProvider);
  for (const target of targets) {
    const segments = fieldPathSegments(target.path);
    if (segments[0] !== 'spec' || segments[1] !== 'forProvider' || segments.length < 3) continue;
    const keys = segments.slice(2).filter((segment): segment is string => typeof segment === 'string');
    let current = copy;
    for (const key of keys.slice(0, -1)) {
      const next = asRecord(current[key]) ?? {};
      current[key] = next;
      current = next;
    }
    const last = keys[keys.length - 1];
    if (last !== undefined && current[last] === undefined) current[last] = patchedValue(target);
  }
  return copy;
}

function patchedValue(target: PatchTarget): UnknownValue {
  const from = target.sources.join(', ');
  const source = target.sources[0];
  const label = source ? /^metadata\.labels\[["']?([^"'\]]+)["']?\]$/.exec(source)?.[1] : undefined;
  return {
    unknown: true,
    expression: from ? `patch from ${from}` : `patch to ${target.path}`,
    ...(label
      ? { reference: { kind: 'label' as const, name: label } }
      : source?.startsWith('spec.')
        ? { reference: { kind: 'parameter' as const, name: source } }
        : {}),
  };
}

/** The field name in the resource's own tool, if that tool has the field. */
export function fieldName(view: ResourceView, names: FieldNames): string | undefined {
  return view.resource.tool === 'terraform'
    ? names.terraform
    : view.resource.tool === 'cloudformation'
      ? names.cloudformation
      : names.crossplane;
}

/** Reads a field given its names per tool; `path` is relative to the arguments. */
export function readField(view: ResourceView, names: FieldNames): { path?: string; value: unknown } {
  const name = fieldName(view, names);
  if (!name) return { value: undefined };
  return { path: name, value: readPath(view.arguments, name) };
}

/** The full field path as shown in findings (e.g. `spec.forProvider.tags`). */
export function fullPath(view: ResourceView, relative: string): string {
  return `${view.prefix}${relative}`;
}

/**
 * The line of a field, or of its nearest known parent, or of the resource. Looks the path up with
 * and without the view prefix, since parsers differ in where their paths start.
 */
export function lineOf(view: ResourceView, relative?: string): number {
  const lines = view.resource.fieldLines ?? {};
  let path = relative;
  while (path) {
    const candidates = [`${view.prefix}${path}`, path, `${view.prefix}${path}`.replace(/^spec\./, '')];
    for (const candidate of candidates) {
      const normalised = candidate.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
      const line = lines[candidate] ?? lines[normalised];
      if (typeof line === 'number' && line > 0) return line;
    }
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut > 0 ? path.slice(0, cut) : undefined;
  }
  for (const parent of [view.prefix.replace(/\.$/, ''), 'spec']) {
    const line = lines[parent];
    if (typeof line === 'number' && line > 0) return line;
  }
  return view.resource.location.line;
}

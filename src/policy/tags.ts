import type { MandatoryTag } from '../constraints/schema.js';
import { isUnknownValue, type IacKind, type ParsedSource, type UnknownValue } from '../iac/resource-model.js';
import { evaluateTerraformTags, providerDefaultTags } from './terraform-tags.js';
import type { PolicyRule } from './rule.js';
import type { ResourceView } from './resource-view.js';
import { asRecord } from './values.js';

/** The tags written on a resource: a key→value map, or an expression that hides them. */
export type WrittenTags =
  | { kind: 'map'; values: Map<string, unknown>; path: string; opaque?: string[] }
  | { kind: 'expression'; expression: UnknownValue; path: string }
  | { kind: 'none'; path: string };

/** Reads tags: Terraform/upjet `tags` maps, CloudFormation `Tags` lists of Key/Value (or maps). */
export function writtenTags(view: ResourceView): WrittenTags {
  const path = view.resource.tool === 'cloudformation' ? 'Tags' : 'tags';
  const raw = view.arguments[path];
  if (raw === undefined || raw === null) return { kind: 'none', path };
  if (isUnknownValue(raw)) return { kind: 'expression', expression: raw, path };
  const values = new Map<string, unknown>();
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const record = asRecord(item);
      if (record && typeof record.Key === 'string') values.set(record.Key, record.Value);
      else if (record && typeof record.key === 'string') values.set(record.key, record.value);
    }
  } else {
    for (const [key, value] of Object.entries(asRecord(raw) ?? {})) values.set(key, value);
  }
  return { kind: 'map', values, path };
}

/** What both tagging-standard rules share: the controls they map to, their severity and when they apply. */
export const TAGGING_STANDARD_RULE: Pick<PolicyRule, 'controls' | 'severity' | 'appliesTo'> = {
  controls: ['SOC 2 CC6.1', 'NIST 800-53 CM-8'],
  severity: () => 'medium',
  appliesTo: (constraints) => constraints.tagging.tags.length > 0,
};

/**
 * The tags written on a resource the tagging standard covers; undefined when its schema takes no tags.
 * Terraform tags are evaluated through `merge()`, locals and variable defaults, and the provider's
 * `default_tags` count; the parts that cannot be evaluated are listed in `opaque`.
 */
export function standardTags(view: ResourceView, parsed: ParsedSource): WrittenTags | undefined {
  if (!view.entry?.taggable) return undefined;
  const written = writtenTags(view);
  if (view.resource.tool !== 'terraform') return written;
  const defaults = providerDefaultTags(parsed, view.resource);
  if (written.kind === 'none' && !defaults) return written;
  const own =
    written.kind === 'expression'
      ? evaluateTerraformTags(written.expression.expression, parsed, view.resource)
      : { keys: written.kind === 'map' ? written.values : new Map<string, unknown>(), opaque: [] };
  return {
    kind: 'map',
    values: new Map([...(defaults?.keys ?? []), ...own.keys]),
    path: written.path,
    opaque: [...(defaults?.opaque ?? []), ...own.opaque],
  };
}

const lastSegment = (name: string): string => name.split(/[./]/).pop() ?? name;

/** How the standard wants a tag's value written in a tool: `!Ref Team`, `var.team`, a go-template. */
export function sourcedExpression(tag: MandatoryTag, tool: IacKind): string {
  if (tag.source === 'constant') return tag.value ?? '';
  const from = tag.from ?? tag.key;
  if (tool === 'cloudformation') return `!Ref ${lastSegment(from)}`;
  if (tool === 'terraform') return `var.${lastSegment(from)}`;
  if (tag.source === 'label') return `{{ index .observed.composite.resource.metadata.labels "${from}" }}`;
  const parameterPath = from.startsWith('spec.') ? from : `spec.parameters.${from}`;
  return `{{ .observed.composite.resource.${parameterPath} }}`;
}

/** True when an expression reads the place the standard names (compared by its last segment). */
export function expressionReads(expression: UnknownValue, tag: MandatoryTag): boolean {
  const wanted = lastSegment(tag.from ?? tag.key).toLowerCase();
  if (expression.reference && lastSegment(expression.reference.name).toLowerCase() === wanted) return true;
  return expression.expression.toLowerCase().includes(wanted);
}

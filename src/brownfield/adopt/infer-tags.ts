import { isUnknownValue, type Resource } from '../../iac/resource-model.js';
import type { MandatoryTag } from '../../constraints/schema.js';
import { resourceKey } from '../resource-key.js';
import { majority, type InferredItem, type Outlier } from './inferred.js';

/** How one resource sets one tag. */
type TagSetting =
  | { source: MandatoryTag['source']; from?: string; value?: string }
  | { source: 'expression'; expression: string };

/** The raw tags value of a resource. */
function rawTags(resource: Resource): unknown {
  const body = resource.body as Record<string, unknown>;
  const forProvider = ((body.spec as Record<string, unknown> | undefined)?.forProvider ?? {}) as Record<
    string,
    unknown
  >;
  return resource.tool === 'terraform'
    ? body.tags
    : resource.tool === 'cloudformation'
      ? body.Tags
      : forProvider.tags;
}

/** The tags of a resource as a key → raw value map, or undefined when it has none or they are one expression. */
function tagsOf(resource: Resource): Record<string, unknown> | undefined {
  const raw = rawTags(resource);
  if (Array.isArray(raw))
    return Object.fromEntries(
      raw
        .filter((tag) => tag && typeof tag === 'object' && 'Key' in tag)
        .map((tag) => [String((tag as { Key: unknown }).Key), (tag as { Value: unknown }).Value]),
    );
  if (raw && typeof raw === 'object' && !isUnknownValue(raw)) return raw as Record<string, unknown>;
  return undefined;
}

function settingOf(value: unknown): TagSetting {
  if (!isUnknownValue(value)) return { source: 'constant', value: String(value) };
  const reference = value.reference;
  if (reference?.kind === 'parameter') return { source: 'parameter', from: reference.name };
  if (reference?.kind === 'variable') return { source: 'variable', from: reference.name };
  if (reference?.kind === 'label') return { source: 'label', from: reference.name };
  return { source: 'expression', expression: value.expression };
}

/** The tagging standard the code follows: tags most tagged resources carry, their usual source, and who differs. */
export interface InferredTags {
  tags: MandatoryTag[];
  items: InferredItem[];
  outliers: Outlier[];
  /** Tags a minority uses, with their counts. */
  minorityTags: Array<{ key: string; count: number }>;
  tagged: number;
  untagged: string[];
  /** Resources whose tags are one expression adopt cannot read (e.g. `local.tags`, `{{ toJson $tags }}`). */
  expressionTagged: Array<{ resource: string; expression: string }>;
}

/** Infers the mandatory tags by majority over every tagged resource, and reports the outliers. */
export function inferTags(resources: Resource[]): InferredTags {
  const tagged = resources
    .map((resource) => ({ resource, tags: tagsOf(resource) }))
    .filter(
      (entry): entry is { resource: Resource; tags: Record<string, unknown> } => entry.tags !== undefined,
    );
  const keys = [...new Set(tagged.flatMap((entry) => Object.keys(entry.tags)))].sort();
  const expressionTagged = resources.flatMap((resource) => {
    const raw = rawTags(resource);
    return isUnknownValue(raw) ? [{ resource: resourceKey(resource), expression: raw.expression }] : [];
  });
  const result: InferredTags = {
    tags: [],
    items: [],
    outliers: [],
    minorityTags: [],
    tagged: tagged.length,
    untagged: [],
    expressionTagged,
  };
  for (const key of keys) {
    const carrying = tagged.filter((entry) => key in entry.tags);
    if (carrying.length * 2 <= tagged.length) {
      result.minorityTags.push({ key, count: carrying.length });
      continue;
    }
    const settings = carrying.map((entry) => ({ entry, setting: settingOf(entry.tags[key]) }));
    const usual = majority(settings.map(({ setting }) => setting))!;
    const preferred =
      usual.value.source === 'expression'
        ? { source: 'constant' as const, value: usual.value.expression }
        : usual.value;
    const tag: MandatoryTag = {
      key,
      source: preferred.source,
      ...('from' in preferred && preferred.from ? { from: preferred.from } : {}),
      ...('value' in preferred && preferred.value !== undefined ? { value: preferred.value } : {}),
    };
    const index = result.tags.push(tag) - 1;
    result.items.push({
      file: 'tagging',
      path: ['tags', index, 'key'],
      label: `tag ${key}`,
      note: `inferred: on ${carrying.length}/${tagged.length} tagged resources; set the same way on ${usual.count}/${carrying.length}`,
    });
    for (const { entry } of tagged.map((entry) => ({ entry })).filter(({ entry }) => !(key in entry.tags)))
      result.outliers.push({
        resource: resourceKey(entry.resource),
        file: entry.resource.location.file,
        line: entry.resource.location.line,
        problem: `has no "${key}" tag`,
      });
    for (const { entry, setting } of settings.filter(
      ({ setting }) => JSON.stringify(setting) !== JSON.stringify(usual.value),
    )) {
      const how =
        'expression' in setting
          ? `the expression ${setting.expression}`
          : setting.source === 'constant'
            ? `the constant "${setting.value}"`
            : `${setting.source} ${setting.from}`;
      result.outliers.push({
        resource: resourceKey(entry.resource),
        file: entry.resource.location.file,
        line: entry.resource.location.line,
        problem: `sets "${key}" from ${how}, not like the others`,
      });
    }
  }
  const taggedSet = new Set(tagged.map((entry) => entry.resource));
  result.untagged = resources.filter((resource) => !taggedSet.has(resource)).map(resourceKey);
  return result;
}

import { isUnknownValue, type Resource } from '../../iac/resource-model.js';

/** One inferred setting: where it goes in which constraint file, and the evidence for it. */
export interface InferredItem {
  file: 'context' | 'codingStyle' | 'tagging';
  /** The front matter path, e.g. ['environments', 0, 'encryptionAtRest']. */
  path: Array<string | number>;
  /** The comment written beside the field, e.g. `inferred: 6/7 resources`. */
  note: string;
  /** How the item is named in the markdown list (default: the path). */
  label?: string;
}

/** A resource that does not follow the majority pattern, and how. */
export interface Outlier {
  resource: string;
  file: string;
  line: number;
  problem: string;
}

/** Every leaf of a body as [dotted path, value]; unknown values are leaves. */
export function flatten(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (isUnknownValue(value) || value === null || typeof value !== 'object') return [[prefix, value]];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [`${prefix}[${index}]`, item] as const)
    : Object.entries(value).map(([key, item]) => [prefix ? `${prefix}.${key}` : key, item] as const);
  return entries.flatMap(([path, item]) => flatten(item, path));
}

/** The most common value and its count. */
export function majority<T>(values: T[]): { value: T; count: number } | undefined {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value);
    const entry = counts.get(key) ?? { value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((left, right) => right.count - left.count)[0];
}

/** Resources that are created (not data sources, not observed state, not Crossplane plumbing). */
export function createdResources(resources: Resource[]): Resource[] {
  const plumbing = /^(apiextensions|pkg)\.crossplane\.io\//;
  return resources.filter(
    (resource) =>
      resource.meta.mode !== 'data' &&
      !plumbing.test(resource.type) &&
      !('status' in resource.body && resource.tool !== 'terraform' && resource.tool !== 'cloudformation'),
  );
}

import { isUnknownValue } from '../resource-model.js';

/**
 * Expands `Fn::ForEach` in Resources (the AWS::LanguageExtensions transform,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html):
 * `Fn::ForEach::<loop>: [Identifier, Collection, {OutputKey: Definition}]`. With a literal collection
 * each item gives one resource, its logical id with `${Identifier}` / `&{Identifier}` replaced; with a
 * collection known only at deploy time (`!Ref Names`) one resource stands for all, under the templated id.
 */
export interface ExpandedDefinition {
  logicalId: string;
  definition: unknown;
  /** The field path of the definition in the template, for line numbers. */
  path: string;
}

const FOR_EACH = /^Fn::ForEach::/;

/** The resources of a Resources map, with every `Fn::ForEach` (nested ones too) expanded. */
export function expandForEach(
  resources: Record<string, unknown>,
  prefix = 'Resources',
): ExpandedDefinition[] {
  return Object.entries(resources).flatMap(([key, value]) =>
    FOR_EACH.test(key)
      ? expandLoop(value, `${prefix}.${key}`)
      : [{ logicalId: key, definition: value, path: `${prefix}.${key}` }],
  );
}

function expandLoop(loop: unknown, path: string): ExpandedDefinition[] {
  if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string') return [];
  const [identifier, collection, outputs] = loop as [string, unknown, unknown];
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) return [];
  const items =
    Array.isArray(collection) &&
    collection.every((item) => typeof item === 'string' || typeof item === 'number')
      ? collection.map(String)
      : undefined;
  const inner = expandForEach(outputs as Record<string, unknown>, `${path}[2]`);
  if (!items || isUnknownValue(collection)) return inner;
  const placeholder = new RegExp(`[$&]\\{${identifier.replace(/[^\w]/g, '')}\\}`, 'g');
  return items.flatMap((item) =>
    inner.map((expanded) => ({
      ...expanded,
      logicalId: expanded.logicalId.replace(placeholder, item.replace(/[^\w]/g, '')),
    })),
  );
}

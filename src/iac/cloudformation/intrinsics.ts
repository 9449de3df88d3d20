import type { ScalarTag, CollectionTag } from 'yaml';
import { isUnknownValue, type UnknownValue } from '../resource-model.js';

/** The short-form intrinsic functions CloudFormation YAML accepts. */
export const SHORT_FORM_INTRINSICS = [
  'Ref',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'FindInMap',
  'ImportValue',
  'Equals',
  'And',
  'Or',
  'Not',
  'Split',
  'Base64',
  'Cidr',
  'GetAZs',
  'Condition',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

/** `yaml` custom tags for every short-form intrinsic, in scalar, sequence and mapping form. */
export function intrinsicTags(): Array<ScalarTag | CollectionTag> {
  return SHORT_FORM_INTRINSICS.flatMap((name) => [
    { tag: `!${name}`, resolve: (value: string) => value } as ScalarTag,
    { tag: `!${name}`, collection: 'seq', resolve: (value: unknown) => value } as unknown as CollectionTag,
    { tag: `!${name}`, collection: 'map', resolve: (value: unknown) => value } as unknown as CollectionTag,
  ]);
}

/** The source text of an argument; a nested intrinsic is shown by its own expression. */
const describe = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : JSON.stringify(value, (_key, item: unknown) => (isUnknownValue(item) ? item.expression : item));

function referenceOf(name: string, argument: unknown): UnknownValue['reference'] {
  if (name === 'Ref' && typeof argument === 'string')
    return { kind: argument.startsWith('AWS::') ? 'other' : 'parameter', name: argument };
  if (name === 'GetAtt') {
    const target = Array.isArray(argument)
      ? argument[0]
      : typeof argument === 'string'
        ? argument.split('.')[0]
        : undefined;
    if (typeof target === 'string') return { kind: 'resource', name: target };
  }
  return undefined;
}

/** A YAML short-form tag (`!Ref X`) as an unknown value. */
export function unknownFromTag(tag: string, value: unknown): UnknownValue | undefined {
  const name = tag.slice(1);
  if (!(SHORT_FORM_INTRINSICS as readonly string[]).includes(name)) return undefined;
  const reference = referenceOf(name, value);
  return {
    unknown: true,
    expression: `${tag} ${describe(value)}`,
    ...(reference ? { reference } : {}),
    intrinsic: { name, argument: value },
  };
}

/** A long-form intrinsic (`{ "Ref": "X" }`, `{ "Fn::Sub": ... }`) as an unknown value. */
export function unknownFromObject(value: unknown): UnknownValue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  if (key !== 'Ref' && key !== 'Condition' && !key.startsWith('Fn::')) return undefined;
  const argument = (value as Record<string, unknown>)[key];
  if (key === 'Condition' && typeof argument !== 'string') return undefined;
  const reference = referenceOf(key.replace('Fn::', ''), argument);
  return {
    unknown: true,
    expression: `${key}: ${describe(argument)}`,
    ...(reference ? { reference } : {}),
    intrinsic: { name: key.replace('Fn::', ''), argument },
  };
}

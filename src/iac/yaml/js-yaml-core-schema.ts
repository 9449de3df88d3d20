import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

/**
 * A js-yaml schema that resolves plain scalars exactly as the `yaml` package's YAML 1.2 core schema
 * does (its default, which the full readers use): the same patterns, in the same order, with the
 * same conversions (yaml/dist/schema/core). js-yaml's own CORE_SCHEMA differs in small ways (binary
 * and `_`-separated numbers, `+.inf`...), so a fast js-yaml read of a text would not always give the
 * values the `yaml` read of the same text gives.
 */
type Resolution = readonly [test: RegExp, construct: (text: string) => unknown];

/**
 * One js-yaml type per tag (js-yaml keeps only the last type of a tag and kind): its patterns are
 * tried in yaml's order; the patterns of one tag never match the same text.
 */
const plain = (name: string, resolutions: Resolution[]): Type => {
  const match = (data: unknown) =>
    typeof data === 'string' ? resolutions.find(([test]) => test.test(data)) : undefined;
  return new Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (data: unknown) => match(data) !== undefined,
    construct: (data: string) => match(data)![1](data),
  });
};

const CORE_TYPES = [
  // yaml's nullTag also matches the empty string: js-yaml never asks about an empty plain scalar
  // (it is null before any resolver runs).
  plain('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
  plain('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T']]),
  plain('int', [
    [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
    [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
    [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)],
  ]),
  plain('float', [
    [
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      (text) =>
        text.slice(-3).toLowerCase() === 'nan'
          ? NaN
          : text[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    ],
    [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)],
    [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)],
  ]),
];

/** The core schema plus explicit tags of the reader's own (CloudFormation's short-form intrinsics). */
export function yamlCoreSchemaFor(explicit: Type[]): Schema {
  return FAILSAFE_SCHEMA.extend({ implicit: CORE_TYPES, explicit });
}

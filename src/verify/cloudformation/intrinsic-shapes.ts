import { isUnknownValue } from '../../iac/resource-model.js';

/**
 * The argument shapes of CloudFormation's intrinsic functions, as the service accepts them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html)
 * and cfn-lint checks them (E1010–E1032). Each returns what is wrong, or undefined. A nested intrinsic
 * is accepted wherever a value is, since it resolves at deploy time.
 */
type ShapeCheck = (argument: unknown) => string | undefined;

const isString = (value: unknown): boolean => typeof value === 'string' || isUnknownValue(value);
const isList = (value: unknown): boolean => Array.isArray(value) || isUnknownValue(value);
const isIndex = (value: unknown): boolean =>
  isUnknownValue(value) ||
  (typeof value === 'number' && Number.isInteger(value) && value >= 0) ||
  (typeof value === 'string' && /^\d+$/.test(value));
const shown = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a map'
        : JSON.stringify(value);

const pair =
  (
    first: (value: unknown) => boolean,
    firstWhat: string,
    second: (value: unknown) => boolean,
    secondWhat: string,
  ) =>
  (argument: unknown): string | undefined => {
    if (!Array.isArray(argument) || argument.length !== 2)
      return `takes a list of two items [${firstWhat}, ${secondWhat}], got ${shown(argument)}`;
    if (!first(argument[0])) return `its first item must be ${firstWhat}, got ${shown(argument[0])}`;
    if (!second(argument[1])) return `its second item must be ${secondWhat}, got ${shown(argument[1])}`;
    return undefined;
  };

const SHAPES: Record<string, ShapeCheck> = {
  Ref: (argument) =>
    typeof argument === 'string' ? undefined : `takes a logical id or parameter name, got ${shown(argument)}`,
  GetAtt: (argument) => {
    if (typeof argument === 'string')
      return argument.includes('.')
        ? undefined
        : `takes "LogicalId.Attribute", got ${JSON.stringify(argument)}`;
    if (
      Array.isArray(argument) &&
      argument.length === 2 &&
      typeof argument[0] === 'string' &&
      isString(argument[1])
    )
      return undefined;
    return `takes "LogicalId.Attribute" or [LogicalId, Attribute], got ${shown(argument)}`;
  },
  GetAZs: (argument) =>
    isString(argument)
      ? undefined
      : `takes a region name ("" or !Ref AWS::Region for the stack's own), got ${shown(argument)}`,
  Join: pair(isString, 'a delimiter string', isList, 'a list of values'),
  Select: pair(isIndex, 'an index (an integer)', isList, 'a list'),
  Split: pair(isString, 'a delimiter string', isString, 'a string'),
  Sub: (argument) => {
    if (typeof argument === 'string' || isUnknownValue(argument)) return undefined;
    if (
      Array.isArray(argument) &&
      argument.length === 2 &&
      isString(argument[0]) &&
      typeof argument[1] === 'object' &&
      argument[1] !== null &&
      !Array.isArray(argument[1])
    )
      return undefined;
    return `takes a string, or [string, map of variables], got ${shown(argument)}`;
  },
  If: (argument) =>
    Array.isArray(argument) && argument.length === 3 && typeof argument[0] === 'string'
      ? undefined
      : `takes [condition name, value if true, value if false], got ${shown(argument)}`,
  FindInMap: (argument) =>
    Array.isArray(argument) &&
    (argument.length === 3 || argument.length === 4) &&
    argument.slice(0, 3).every(isString)
      ? undefined
      : `takes [map name, top-level key, second-level key], got ${shown(argument)}`,
  Base64: (argument) => (isString(argument) ? undefined : `takes a string, got ${shown(argument)}`),
  ImportValue: (argument) =>
    isString(argument) ? undefined : `takes an export name, got ${shown(argument)}`,
  Cidr: (argument) =>
    Array.isArray(argument) &&
    argument.length === 3 &&
    isString(argument[0]) &&
    argument.slice(1).every(isIndex)
      ? undefined
      : `takes [ip block, count, cidr bits], got ${shown(argument)}`,
};

/** What is wrong with an intrinsic's argument, or undefined when its shape is right (or the function is not checked). */
export function intrinsicShapeProblem(name: string, argument: unknown): string | undefined {
  return SHAPES[name]?.(argument);
}

import type { AutoFix } from './rule.js';

/** A description skeleton from a name (`master_password`, `BucketName` → "Master password."), to be reworded. */
export function skeletonDescription(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/** Adds (or, with `replace`, rewrites) one attribute of a declaration. */
export const declarationFix = (key: string, value: unknown, replace = false): AutoFix => ({
  kind: 'declaration',
  key,
  value,
  ...(replace ? { replace } : {}),
});

/** The HCL type of a literal default, when the default says it unambiguously. */
export function typeOfDefault(value: unknown): string | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return undefined;
}

/** A nested Terraform block (`validation { ... }`) added to a declaration, one HCL line per item. */
export const declarationBlockFix = (key: string, lines: string[]): AutoFix => ({
  kind: 'declaration',
  key,
  value: lines,
  block: true,
});

/** Input names that hold the environment or the region, which the constraints bound. */
export const ENVIRONMENT_INPUT = /^(env|environment|stage)$/i;
export const REGION_INPUT = /^(aws_?)?region$/i;

/** The region names AWS uses (`us-east-1`, `us-gov-west-1`), as a pattern for validations and AllowedPattern. */
export const REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-\\d$';

/** The `validation` block lines the constraints give an environment or region variable, if any. */
export function validationLines(name: string, environments: readonly string[]): string[] | undefined {
  if (ENVIRONMENT_INPUT.test(name))
    return [
      `condition     = contains([${environments.map((env) => JSON.stringify(env)).join(', ')}], var.${name})`,
      `error_message = ${JSON.stringify(`${name} must be one of ${environments.join(', ')}.`)}`,
    ];
  if (REGION_INPUT.test(name))
    return [
      `condition     = can(regex(${JSON.stringify(REGION_PATTERN)}, var.${name}))`,
      `error_message = ${JSON.stringify(`${name} must be an AWS region name such as us-east-1.`)}`,
    ];
  return undefined;
}

/** The CloudFormation constraint the constraints give an environment or region parameter, if any. */
export function parameterConstraint(
  name: string,
  environments: readonly string[],
): { key: 'AllowedValues' | 'AllowedPattern'; value: string[] | string } | undefined {
  if (ENVIRONMENT_INPUT.test(name)) return { key: 'AllowedValues', value: [...environments] };
  if (REGION_INPUT.test(name)) return { key: 'AllowedPattern', value: REGION_PATTERN };
  return undefined;
}

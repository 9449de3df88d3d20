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

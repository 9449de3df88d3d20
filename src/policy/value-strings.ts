import { isUnknownValue } from '../iac/resource-model.js';

/** Every string in a value with its path relative to the arguments (expressions included as their text). */
export function* valueStrings(
  value: unknown,
  path: string,
  skipKey: (key: string) => boolean = () => false,
): Generator<{ path: string; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (isUnknownValue(value)) yield { path, text: value.expression };
  else if (Array.isArray(value))
    for (const [index, item] of value.entries()) yield* valueStrings(item, `${path}[${index}]`, skipKey);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value))
      if (!skipKey(key)) yield* valueStrings(item, path ? `${path}.${key}` : key, skipKey);
}

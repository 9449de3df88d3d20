import { didYouMean } from '../verify/did-you-mean.js';

/** The placeholders a naming pattern may use: what the personas and the naming check know how to fill. */
export const NAMING_PLACEHOLDERS: readonly string[] = [
  'env',
  'environment',
  'team',
  'resource',
  'service',
  'app',
  'region',
  'account',
];

/** True, or why the pattern uses a placeholder nothing fills (with a did-you-mean). */
export function checkNamingPlaceholders(pattern: string): true | string {
  const unknown = [...pattern.matchAll(/\{([^{}]*)\}/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => !NAMING_PLACEHOLDERS.includes(name));
  if (unknown.length === 0) return true;
  const name = unknown[0] ?? '';
  const closest = didYouMean(name, NAMING_PLACEHOLDERS, 2)[0];
  return `{${name}} is not a naming placeholder${closest ? `; did you mean {${closest}}?` : ''} (known: ${NAMING_PLACEHOLDERS.map((known) => `{${known}}`).join(', ')})`;
}

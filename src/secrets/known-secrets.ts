/**
 * The secret values this process resolved (model keys), so every sink can scrub them without
 * being handed them. Registered where a key is resolved (providers/config.ts); kept in memory only.
 */
const registered = new Set<string>();

/** Shortest value worth registering: shorter ones would scrub ordinary words. */
const MINIMUM_LENGTH = 8;

/** Remembers a secret value for redaction and child-process scrubbing. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MINIMUM_LENGTH) registered.add(value);
}

/** Every registered secret, longest first. */
export function knownSecrets(): string[] {
  return [...registered].sort((left, right) => right.length - left.length);
}

/** Forgets every registered secret (tests). */
export function forgetSecrets(): void {
  registered.clear();
}

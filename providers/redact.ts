import { redact } from '../src/secrets/redact.js';

/** Replaces known secret values and anything shaped like an API key or bearer token with [REDACTED]. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  return redact(text, secrets);
}

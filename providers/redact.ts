/** Patterns of credentials that must never reach a file, even when we were not told the value. */
const CREDENTIAL_PATTERNS = [
  /sk-ant-[A-Za-z0-9_-]{4,}/g,
  /\bsk-(?:proj-)?[A-Za-z0-9_-]{16,}/g,
  /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /x-api-key["':\s]+[A-Za-z0-9._-]{8,}/gi,
];

/** Replaces known secret values and anything shaped like an API key or bearer token with [REDACTED]. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let result = text;
  for (const secret of secrets)
    if (secret && secret.length >= 4) result = result.split(secret).join('[REDACTED]');
  for (const pattern of CREDENTIAL_PATTERNS) result = result.replace(pattern, '[REDACTED]');
  return result;
}

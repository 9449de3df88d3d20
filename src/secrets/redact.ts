import { knownSecrets } from './known-secrets.js';

/** What replaces a secret in every sink. */
export const REDACTED = '[REDACTED]';

/** A run of this many characters of a key (in any case, or of its base64) counts as the key. */
export const MINIMUM_RUN = 12;

/** Credentials of any provider, scrubbed even when this process was never told the value. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /sk-ant-[A-Za-z0-9_-]{4,}/g,
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g,
  /\bxox[abpors]-[A-Za-z0-9-]{10,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /(x-api-key|api-key|authorization)(["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(aws_secret_access_key|aws_session_token)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{20,}/gi,
];

/** The forms of a key that count as the key: itself and its base64 at every alignment. */
function variantsOf(secret: string): string[] {
  const variants = [secret];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.from(secret.slice(offset)).toString('base64');
    // The last 4 characters depend on what follows the key; the inner part does not.
    const stable = encoded.replace(/=+$/, '').slice(offset === 0 ? 0 : 4, -4);
    variants.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return variants.filter((variant) => variant.length >= MINIMUM_RUN);
}

/** Every lowercase run of MINIMUM_RUN characters of every variant of every secret. */
function runsOf(secrets: readonly string[]): Set<string> {
  const runs = new Set<string>();
  for (const secret of secrets)
    for (const variant of variantsOf(secret)) {
      const lower = variant.toLowerCase();
      for (let index = 0; index + MINIMUM_RUN <= lower.length; index += 1)
        runs.add(lower.slice(index, index + MINIMUM_RUN));
    }
  return runs;
}

/** The [start, end) spans of text covered by a run of a secret (case-insensitive). */
function secretSpans(text: string, secrets: readonly string[]): Array<[number, number]> {
  const usable = secrets.filter((secret) => secret.length >= MINIMUM_RUN);
  if (usable.length === 0 || text.length < MINIMUM_RUN) return [];
  const runs = runsOf(usable);
  const lower = text.toLowerCase();
  const spans: Array<[number, number]> = [];
  for (let index = 0; index + MINIMUM_RUN <= lower.length; index += 1) {
    if (!runs.has(lower.slice(index, index + MINIMUM_RUN))) continue;
    const end = index + MINIMUM_RUN;
    const last = spans.at(-1);
    if (last && index <= last[1]) last[1] = end;
    else spans.push([index, end]);
  }
  return spans;
}

/** Whether the text holds one of the secrets, a run of 12 of its characters, or its base64. */
export function holdsSecret(text: string, secrets: readonly string[] = knownSecrets()): boolean {
  const short = secrets.filter((secret) => secret.length < MINIMUM_RUN);
  return short.some((secret) => text.includes(secret)) || secretSpans(text, secrets).length > 0;
}

/**
 * Scrubs a text for any sink: the given and the registered secrets (exact, any run of 12 of their
 * characters in any case, their base64), then anything shaped like a provider's key or token.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  const all = [...new Set([...secrets.filter((secret): secret is string => !!secret), ...knownSecrets()])];
  let result = text;
  for (const secret of all.filter((value) => value.length >= 4 && value.length < MINIMUM_RUN))
    result = result.split(secret).join(REDACTED);
  const spans = secretSpans(result, all);
  for (const [start, end] of spans.reverse())
    result = `${result.slice(0, start)}${REDACTED}${result.slice(end)}`;
  for (const pattern of CREDENTIAL_PATTERNS)
    result = result.replace(pattern, (match, name?: string, separator?: string) =>
      typeof separator === 'string' && typeof name === 'string' && !/^(bearer|basic)$/i.test(name)
        ? `${name}${separator}${REDACTED}`
        : /^(bearer|basic)$/i.test(name ?? '')
          ? `${name} ${REDACTED}`
          : REDACTED,
    );
  return result;
}

/** Scrubs every string inside a JSON-like value (for state and --json output), keeping its shape. */
export function redactValue<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value))) as T;
}

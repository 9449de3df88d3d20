import type { z } from 'zod';

/** The outcome of checking a model's JSON answer against the requested schema. */
export type StructuredCheck<T> =
  { ok: true; data: T } | { ok: false; reason: 'invalid_json' | 'schema_invalid'; message: string };

/**
 * Parses and validates a structured answer. Strict mode turns optional fields into nullable
 * ones, so when validation fails the answer is tried once more with `null` properties removed.
 */
export function checkStructuredAnswer<T>(
  rawText: string,
  schema: z.ZodType<T>,
  wrapped: boolean,
): StructuredCheck<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawText);
  } catch (error) {
    return {
      ok: false,
      reason: 'invalid_json',
      message: `the answer is not valid JSON (${(error as Error).message})`,
    };
  }
  if (wrapped) {
    if (!parsed || typeof parsed !== 'object' || !('value' in parsed)) {
      return {
        ok: false,
        reason: 'schema_invalid',
        message: 'the answer must be an object with a "value" property',
      };
    }
    parsed = (parsed as { value: unknown }).value;
  }
  const first = schema.safeParse(parsed);
  if (first.success) return { ok: true, data: first.data };
  const second = schema.safeParse(withoutNulls(parsed));
  if (second.success) return { ok: true, data: second.data };
  return { ok: false, reason: 'schema_invalid', message: describeIssues(first.error.issues) };
}

/** Formats zod issues as `path: message` lines the model (and a human) can act on. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 20)
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`,
    )
    .join('\n');
}

/** The user turn of the one automatic repair attempt. */
export function repairPrompt(message: string): string {
  return [
    'Your previous answer did not match the required JSON schema.',
    'Problems found:',
    message,
    'Answer again with the complete corrected JSON only, following the schema exactly.',
  ].join('\n');
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, child]) => child !== null)
        .map(([key, child]) => [key, withoutNulls(child)]),
    );
  }
  return value;
}

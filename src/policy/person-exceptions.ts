import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Finding } from '../findings/finding.js';

/** Where a person records the exceptions they accept; infrakit never writes it. */
export const EXCEPTIONS_FILE = '.infrakit/exceptions.yaml';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One exception a person accepted: which rule, on which resource, why, who, until when. */
export const PersonExceptionSchema = z
  .object({
    rule: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a rule id such as IK-PUB-003'),
    resource: z.string().min(1, 'expected a resource logical name, or "*" for every resource'),
    reason: z.string().trim().min(10, 'expected a reason of at least 10 characters'),
    approvedBy: z
      .string()
      .trim()
      .min(3, 'expected the name of the person who accepts it, e.g. "Jane Doe <jane@example.com>"'),
    expires: z
      .union([z.string().regex(DATE, 'expected a date YYYY-MM-DD'), z.date()])
      .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
      .optional(),
    environments: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type PersonException = z.infer<typeof PersonExceptionSchema> & { index: number };

const FileSchema = z
  .object({
    exceptions: z
      .array(z.unknown())
      .nullable()
      .default([])
      .transform((list) => list ?? []),
  })
  .strict();

/** The exceptions a person wrote, and what in the file could not be read. */
export interface PersonExceptions {
  exceptions: PersonException[];
  problems: string[];
}

/**
 * Reads `.infrakit/exceptions.yaml`. Absent means none. An entry that does not validate (no
 * named person, no reason, a bad date) is a problem naming its field, and accepts nothing.
 */
export async function readPersonExceptions(projectRoot: string): Promise<PersonExceptions> {
  const path = join(projectRoot, EXCEPTIONS_FILE);
  const info = await lstat(path).catch(() => undefined);
  if (!info) return { exceptions: [], problems: [] };
  if (!info.isFile())
    return {
      exceptions: [],
      problems: [`${EXCEPTIONS_FILE}: not a regular file (a link?): no exception applied`],
    };
  return parsePersonExceptions(await readFile(path, 'utf8'));
}

/** Validates the text of an exceptions file (see readPersonExceptions). */
export function parsePersonExceptions(text: string): PersonExceptions {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 10 }) ?? {};
  } catch (error) {
    return {
      exceptions: [],
      problems: [`${EXCEPTIONS_FILE}: invalid YAML (${(error as Error).message.split('\n')[0]})`],
    };
  }
  const file = FileSchema.safeParse(data);
  if (!file.success)
    return {
      exceptions: [],
      problems: file.error.issues.map(
        (issue) =>
          `${EXCEPTIONS_FILE}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message} (expected "exceptions:" with a list)`,
      ),
    };
  const exceptions: PersonException[] = [];
  const problems: string[] = [];
  file.data.exceptions.forEach((entry, index) => {
    const result = PersonExceptionSchema.safeParse(entry);
    if (result.success) exceptions.push({ ...result.data, index });
    else
      problems.push(
        ...result.error.issues.map(
          (issue) =>
            `${EXCEPTIONS_FILE}: exceptions[${index}].${issue.path.map(String).join('.') || '(entry)'}: ${issue.message}; this entry accepts nothing`,
        ),
      );
  });
  return { exceptions, problems };
}

/** Why an exception does not apply to a finding here and now, or undefined when it applies. */
export function whyNotApplied(
  exception: PersonException,
  environment: string,
  today: string,
): string | undefined {
  if (exception.expires && exception.expires < today) return `expired on ${exception.expires}`;
  if (exception.environments && !exception.environments.includes(environment))
    return `only for ${exception.environments.join(', ')}`;
  return undefined;
}

/** The person's exceptions that name this finding's rule and resource. */
export function matchingExceptions(finding: Finding, exceptions: PersonException[]): PersonException[] {
  return exceptions.filter(
    (exception) =>
      exception.rule === finding.ruleId &&
      (exception.resource === '*' || exception.resource === finding.resourceName),
  );
}

import type { z } from 'zod';

/**
 * A tool's arguments checked against its input schema, with every problem in infrakit's own words:
 * the argument's name, what was wrong, and what it should be (from the argument's description).
 * Returns undefined when the arguments are valid.
 */
export function argumentProblems(
  tool: string,
  schema: z.ZodObject,
  input: Record<string, unknown>,
): { message: string; problems: string[]; hint: string } | undefined {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  const shape = schema.shape as Record<string, z.ZodType>;
  const problems = result.error.issues.map((issue) => describeIssue(issue, input, shape));
  const accepted = Object.keys(shape).map((name) => {
    const description = shape[name]?.description;
    return description ? `"${name}": ${description}` : `"${name}"`;
  });
  return {
    message: `${tool}: ${problems.length === 1 ? problems[0] : `${problems.length} problems with the arguments`}`,
    problems,
    hint: accepted.length
      ? `Call ${tool} with a JSON object of arguments. It accepts ${accepted.join('; ')}.`
      : `Call ${tool} with an empty JSON object of arguments: {}.`,
  };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  input: Record<string, unknown>,
  shape: Record<string, z.ZodType>,
): string {
  const name = issue.path.map(String).join('.') || 'arguments';
  const given = issue.path.length ? valueAt(input, issue.path) : input;
  const wanted = shape[String(issue.path[0])]?.description;
  const fix = wanted ? ` (${wanted})` : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown argument${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}: leave ${issue.keys.length === 1 ? 'it' : 'them'} out; the accepted arguments are ${Object.keys(
        shape,
      )
        .map((key) => `"${key}"`)
        .join(', ')}`;
    case 'invalid_type':
      return given === undefined
        ? `argument "${name}" is required and missing: give ${article(issue.expected)}${fix}`
        : `argument "${name}" must be ${article(issue.expected)}, not ${kindOf(given)}${fix}`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? `argument "${name}" is empty: give a non-empty text${fix}`
        : `argument "${name}" is too small: at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}${fix}`;
    case 'too_big':
      return `argument "${name}" is too large: at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'invalid_value':
      return `argument "${name}" must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, not ${JSON.stringify(given)}`;
    default:
      return `argument "${name}" is not valid${fix}`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** `a string`, `an object`, ... for a zod type name. */
function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'a string (text)',
    number: 'a number',
    boolean: 'true or false',
    object: 'a JSON object',
    array: 'a JSON array',
  };
  return names[expected] ?? expected;
}

/** What kind of JSON value was given, in words. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `${String(value)}`;
  return typeof value;
}

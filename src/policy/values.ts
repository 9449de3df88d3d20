import { isUnknownValue, type UnknownValue } from '../iac/resource-model.js';

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknownValue(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Reads a dotted path. A list met on the way is entered at its first item, because Terraform
 * blocks (hcl2json) and upjet v1beta1 blocks are one-item lists where v1beta2 has an object.
 */
export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) current = current[0];
    const record = asRecord(current);
    if (!record) return undefined;
    current = record[segment];
  }
  return current;
}

/** Whether a value is set to true, false, or cannot be known statically. */
export type TriState = 'yes' | 'no' | 'unknown';

/** `true`, `"true"`, `"Enabled"` are yes; unknown values are unknown; anything else is no. */
export function truthOf(value: unknown): TriState {
  if (isUnknownValue(value)) return 'unknown';
  if (Array.isArray(value) && value.length === 1) return truthOf(value[0]);
  if (value === true) return 'yes';
  if (typeof value === 'string' && ['true', 'enabled', 'yes'].includes(value.toLowerCase())) return 'yes';
  if (typeof value === 'string' && /__ikvalue\d+__/.test(value)) return 'unknown';
  return 'no';
}

/** The value as an UnknownValue, or undefined when it is known. */
export function unknownOf(value: unknown): UnknownValue | undefined {
  return isUnknownValue(value) ? value : undefined;
}

/** A literal string (not an expression, not a placeholder). */
export function literalString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/__ikvalue\d+__/.test(value) || /\{\{.*\}\}/.test(value) || /\$\{.*\}/.test(value)) return undefined;
  return value;
}

/** True when a value is absent (undefined, null, empty string, empty list or object). */
export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  const record = asRecord(value);
  return record !== undefined && Object.keys(record).length === 0;
}

/** A value as a finding shows it: an expression's source text, a map or list as JSON, never `[object Object]`. */
export function renderValue(value: unknown): string {
  if (isUnknownValue(value)) return value.expression;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * A reference to a template input (`!Ref SshCidr`, `var.ssh_cidr`) read as the input's default, since
 * that is the value deployed when nobody overrides it; other values are returned as they are.
 */
export function withInputDefault(
  value: unknown,
  inputs: ReadonlyArray<{ name: string; default?: unknown }>,
): { value: unknown; fromInput?: string } {
  if (!isUnknownValue(value) || !value.reference) return { value };
  const { kind, name } = value.reference;
  if (kind !== 'parameter' && kind !== 'variable') return { value };
  const input = inputs.find((candidate) => candidate.name === name);
  return input && input.default !== undefined ? { value: input.default, fromInput: name } : { value };
}

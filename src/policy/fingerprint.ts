import { createHash } from 'node:crypto';

/**
 * A stable identity for a finding across runs: rule id, resource type and name, and field path.
 * File and line are left out on purpose so that moving a resource keeps its baseline entry.
 */
export function findingFingerprint(parts: {
  ruleId: string;
  resourceType?: string;
  resourceName?: string;
  fieldPath?: string;
}): string {
  const key = [parts.ruleId, parts.resourceType ?? '', parts.resourceName ?? '', parts.fieldPath ?? ''].join(
    '\u0000',
  );
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

import type { PolicyRule } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, readField, type FieldNames } from '../resource-view.js';
import { truthOf } from '../values.js';

const FIELDS: Record<string, FieldNames> = {
  'dynamodb-table': {
    terraform: 'point_in_time_recovery.enabled',
    cloudformation: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
    crossplane: 'pointInTimeRecovery.enabled',
  },
  'keyspaces-table': {
    terraform: 'point_in_time_recovery.status',
    cloudformation: 'PointInTimeRecoveryEnabled',
    crossplane: 'pointInTimeRecovery.status',
  },
};

/** IK-BAK-002: tables keep point-in-time recovery where the baseline asks for it. */
export const pointInTimeRecoveryRule: PolicyRule = {
  id: 'IK-BAK-002',
  title: 'Point-in-time recovery off',
  rationale:
    'Without point-in-time recovery a bad write or delete can only be undone from the last on-demand backup.',
  controls: ['SOC 2 A1.2', 'NIST 800-53 CP-9', 'NIST 800-53 CP-10'],
  severity: requiredOrAdvice((environment) => environment.pointInTimeRecovery),
  appliesTo: () => true,
  check(view) {
    const names = view.entry ? FIELDS[view.entry.kind] : undefined;
    if (!names) return [];
    const field = readField(view, names);
    if (!field.path || truthOf(field.value) !== 'no') return [];
    const wanted =
      view.resource.tool === 'cloudformation' || view.entry?.kind === 'dynamodb-table' ? 'true' : '"ENABLED"';
    return [
      {
        message: `${field.path} is ${field.value === undefined ? 'not set' : String(field.value)}: point-in-time recovery is off`,
        fieldPath: fullPath(view, field.path),
        line: lineOf(view, field.path),
        fix: `Set ${field.path} to ${wanted}.`,
      },
    ];
  },
};

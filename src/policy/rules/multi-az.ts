import type { PolicyRule } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, readField } from '../resource-view.js';
import { truthOf } from '../values.js';

/** IK-HA-001: RDS instances run in more than one availability zone where the baseline asks for it. */
export const multiAzRule: PolicyRule = {
  id: 'IK-HA-001',
  title: 'Database not multi-AZ',
  rationale: 'A single-AZ database goes down with its zone; multi-AZ fails over in minutes.',
  controls: ['SOC 2 A1.2', 'NIST 800-53 CP-7', 'NIST 800-53 SC-36'],
  severity: requiredOrAdvice((environment) => environment.multiAz),
  appliesTo: () => true,
  check(view) {
    if (view.entry?.kind !== 'rds-instance') return [];
    if (view.resource.tool === 'cloudformation' && view.arguments.DBClusterIdentifier !== undefined)
      return [];
    if (view.resource.tool === 'terraform' && view.arguments.cluster_identifier !== undefined) return [];
    const field = readField(view, {
      terraform: 'multi_az',
      cloudformation: 'MultiAZ',
      crossplane: 'multiAz',
    });
    if (!field.path || truthOf(field.value) !== 'no') return [];
    return [
      {
        message: `${field.path} is ${field.value === undefined ? 'not set' : String(field.value)}: the database runs in one availability zone`,
        fieldPath: fullPath(view, field.path),
        line: lineOf(view, field.path),
        fix: `Set ${field.path} to true.`,
        autofix: { kind: 'set', path: [field.path], value: true },
      },
    ];
  },
};

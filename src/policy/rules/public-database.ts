import type { PolicyRule } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, readField } from '../resource-view.js';
import { truthOf } from '../values.js';

/** IK-PUB-002: databases are not reachable from the internet. */
export const publicDatabaseRule: PolicyRule = {
  id: 'IK-PUB-002',
  title: 'Database publicly accessible',
  rationale:
    'A publicly accessible RDS instance gets a public DNS name and IP; only security groups stand between it and the internet.',
  controls: ['SOC 2 CC6.6', 'PCI-DSS 1.3', 'NIST 800-53 SC-7', 'CIS AWS Foundations v3.0 2.3.3'],
  severity: requiredOrAdvice((environment) => !environment.publicAccess),
  appliesTo: () => true,
  check(view) {
    if (view.entry?.kind !== 'rds-instance') return [];
    const field = readField(view, {
      terraform: 'publicly_accessible',
      cloudformation: 'PubliclyAccessible',
      crossplane: 'publiclyAccessible',
    });
    if (!field.path || truthOf(field.value) !== 'yes') return [];
    return [
      {
        message: `${field.path} is true: the database is reachable from the internet`,
        fieldPath: fullPath(view, field.path),
        line: lineOf(view, field.path),
        fix: `Set ${field.path} to false and reach the database from inside the VPC.`,
        autofix: { kind: 'set', path: [field.path], value: false },
      },
    ];
  },
};

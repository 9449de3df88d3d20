import type { PolicyRule } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, readField } from '../resource-view.js';
import { renderValue, truthOf } from '../values.js';

/**
 * IK-ENC-001: storage is encrypted at rest. RDS is the kind that can still be created unencrypted;
 * S3 (SSE-S3 since January 2023), DynamoDB and Keyspaces encrypt by default, so only their
 * customer-managed key is checked (IK-ENC-002).
 */
export const encryptionAtRestRule: PolicyRule = {
  id: 'IK-ENC-001',
  title: 'Storage not encrypted at rest',
  rationale: 'Unencrypted storage exposes data in snapshots, backups and on decommissioned media.',
  controls: [
    'SOC 2 CC6.1',
    'PCI-DSS 3.5',
    'HIPAA 164.312(a)(2)(iv)',
    'NIST 800-53 SC-28',
    'CIS AWS Foundations v3.0 2.3.1',
  ],
  severity: requiredOrAdvice((environment) => environment.encryptionAtRest !== 'none'),
  appliesTo: () => true,
  check(view) {
    const kind = view.entry?.kind;
    if (kind !== 'rds-instance' && kind !== 'rds-cluster') return [];
    if (
      view.resource.tool === 'cloudformation' &&
      kind === 'rds-instance' &&
      view.arguments.DBClusterIdentifier !== undefined
    )
      return [];
    // A read replica takes its encryption from its source database; it cannot choose its own.
    const replicaOf = readField(view, {
      terraform: 'replicate_source_db',
      cloudformation: 'SourceDBInstanceIdentifier',
      crossplane: 'replicateSourceDb',
    });
    const replicaRef = readField(view, { crossplane: 'replicateSourceDbRef' });
    if (replicaOf.value !== undefined || replicaRef.value !== undefined) return [];
    const field = readField(view, {
      terraform: 'storage_encrypted',
      cloudformation: 'StorageEncrypted',
      crossplane: 'storageEncrypted',
    });
    if (!field.path || truthOf(field.value) !== 'no') return [];
    return [
      {
        message:
          field.value === undefined
            ? `${field.path} is not set: the database storage is created unencrypted`
            : `${field.path} is ${renderValue(field.value)}: the database storage is unencrypted`,
        fieldPath: fullPath(view, field.path),
        line: lineOf(view, field.path),
        fix: `Set ${field.path} to true (it cannot be changed after creation).`,
        autofix: { kind: 'set', path: [field.path], value: true },
      },
    ];
  },
};

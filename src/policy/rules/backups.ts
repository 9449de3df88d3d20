import type { PolicyRule } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { fullPath, lineOf, readField } from '../resource-view.js';
import { isUnknownValue } from '../../iac/resource-model.js';

/** IK-BAK-001: RDS instances keep automated backups (retention of at least one day). */
export const backupsRule: PolicyRule = {
  id: 'IK-BAK-001',
  title: 'Automated backups off',
  rationale:
    'A backup retention of 0 turns off automated backups and point-in-time restore for the database.',
  controls: ['SOC 2 A1.2', 'NIST 800-53 CP-9', 'HIPAA 164.308(a)(7)(ii)(A)'],
  severity: requiredOrAdvice((environment) => environment.backups),
  appliesTo: () => true,
  check(view, context) {
    if (view.entry?.kind !== 'rds-instance') return [];
    if (view.resource.tool === 'cloudformation' && view.arguments.DBClusterIdentifier !== undefined)
      return [];
    const field = readField(view, {
      terraform: 'backup_retention_period',
      cloudformation: 'BackupRetentionPeriod',
      crossplane: 'backupRetentionPeriod',
    });
    if (!field.path || isUnknownValue(field.value)) return [];
    const days = Number(field.value);
    const where = {
      fieldPath: fullPath(view, field.path),
      line: lineOf(view, field.path),
      fix: `Set ${field.path} to 7 or more days.`,
    };
    if (field.value === undefined) {
      if (!context.environment.environment.backups) return [];
      return [
        {
          ...where,
          severity: 'medium',
          message: `${field.path} is not set: backups rely on the provider default of 1 day`,
        },
      ];
    }
    if (Number.isFinite(days) && days >= 1) return [];
    return [{ ...where, message: `${field.path} is ${String(field.value)}: automated backups are off` }];
  },
};

import { isUnknownValue } from '../../iac/resource-model.js';
import type { PolicyRule, Violation } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { upjetGroup } from '../catalogue.js';
import { lineOf, type ResourceView } from '../resource-view.js';
import { asRecord, readPath, renderValue, truthOf } from '../values.js';

/** managementPolicies that keep the external resource when the managed resource is deleted. */
export const KEEP_POLICIES = ['Observe', 'Create', 'Update', 'LateInitialize'];
const RETAINING = new Set(['Retain', 'Snapshot', 'RetainExceptOnCreate']);

const metaOrBody = (view: ResourceView, key: string): unknown =>
  view.resource.meta[key] ?? view.resource.body[key] ?? asRecord(view.resource.body.spec)?.[key];

/**
 * An RDS instance or cluster with deletion protection refuses the delete Crossplane sends, so its data
 * survives either deletion policy. A protection only an Optional patch writes is IK-PATCH-001's finding.
 */
function protectedFromDelete(view: ResourceView): boolean {
  if (view.entry?.kind !== 'rds-instance' && view.entry?.kind !== 'rds-cluster') return false;
  const value = view.arguments.deletionProtection;
  if (truthOf(value) === 'yes') return true;
  return isUnknownValue(value) && value.expression.startsWith('patch ');
}

function crossplaneViolations(view: ResourceView): Violation[] {
  const group = upjetGroup(view.resource);
  if (!group || protectedFromDelete(view)) return [];
  if (group.namespaced) {
    const policies = metaOrBody(view, 'managementPolicies');
    const list = Array.isArray(policies) ? policies.map(String) : undefined;
    if (list && !list.includes('Delete') && !list.includes('*')) return [];
    return [
      {
        message: list
          ? `managementPolicies ${JSON.stringify(list)} let Crossplane delete the cloud resource`
          : 'managementPolicies is not set (default ["*"]): deleting the object deletes the cloud resource',
        fieldPath: 'spec.managementPolicies',
        line: view.resource.fieldLines?.['spec.managementPolicies'] ?? view.resource.location.line,
        fix: `Set spec.managementPolicies to ${JSON.stringify(KEEP_POLICIES)} (no Delete).`,
        autofix: { kind: 'set-meta', key: 'managementPolicies', value: KEEP_POLICIES },
      },
    ];
  }
  const policy = metaOrBody(view, 'deletionPolicy');
  if (policy === 'Orphan') return [];
  return [
    {
      message:
        policy === undefined
          ? 'deletionPolicy is not set (default Delete)'
          : `deletionPolicy is ${renderValue(policy)}`,
      fieldPath: 'spec.deletionPolicy',
      line: view.resource.fieldLines?.['spec.deletionPolicy'] ?? view.resource.location.line,
      fix: 'Set spec.deletionPolicy: Orphan.',
      autofix: { kind: 'set-meta', key: 'deletionPolicy', value: 'Orphan' },
    },
  ];
}

function cloudFormationViolations(view: ResourceView): Violation[] {
  const violations: Violation[] = [];
  const snapshotOk = view.entry?.kind === 'rds-instance' || view.entry?.kind === 'rds-cluster';
  for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const value = metaOrBody(view, key);
    if (typeof value === 'string' && RETAINING.has(value) && (value !== 'Snapshot' || snapshotOk)) continue;
    const wanted = snapshotOk ? 'Snapshot' : 'Retain';
    violations.push({
      message: value === undefined ? `${key} is not set (default Delete)` : `${key} is ${renderValue(value)}`,
      fieldPath: key,
      line:
        view.resource.fieldLines?.[`@${key}`] ??
        view.resource.fieldLines?.[key] ??
        view.resource.location.line,
      fix: `Set ${key}: ${wanted}.`,
      autofix: { kind: 'set-meta', key, value: wanted },
    });
  }
  return violations;
}

function terraformViolations(view: ResourceView): Violation[] {
  const lifecycle = view.resource.meta.lifecycle ?? view.resource.body.lifecycle;
  if (truthOf(readPath(lifecycle, 'prevent_destroy')) !== 'no') return [];
  for (const field of ['deletion_protection', 'deletion_protection_enabled']) {
    if (truthOf(view.arguments[field]) !== 'no') return [];
  }
  const hasProtectionField = ['rds-instance', 'rds-cluster', 'dynamodb-table'].includes(
    view.entry?.kind ?? '',
  );
  return [
    {
      message: `${hasProtectionField ? 'neither lifecycle.prevent_destroy nor deletion_protection is' : 'lifecycle.prevent_destroy is not'} set: terraform destroy or a replacement deletes the data`,
      fieldPath: hasProtectionField ? 'deletion_protection' : 'lifecycle.prevent_destroy',
      line: lineOf(view, hasProtectionField ? 'deletion_protection' : 'lifecycle'),
      fix: hasProtectionField
        ? 'Set deletion_protection = true (and lifecycle { prevent_destroy = true }).'
        : 'Add lifecycle { prevent_destroy = true }.',
    },
  ];
}

/** IK-DEL-001: stateful resources survive an accidental delete or replacement. */
export const deletionSafetyRule: PolicyRule = {
  id: 'IK-DEL-001',
  title: 'Stateful resource can be deleted with its data',
  rationale:
    'Deleting a stack, a claim or a Terraform resource must not delete the data behind it; retention is the default for stateful resources.',
  controls: ['SOC 2 A1.2', 'NIST 800-53 CP-9', 'NIST 800-53 SI-12'],
  severity: requiredOrAdvice((environment) => environment.deletionProtection),
  appliesTo: () => true,
  check(view) {
    // A KMS key is not deleted at once: it waits 7-30 days in PendingDeletion and can be restored.
    if (!view.entry?.stateful || view.entry.kind === 'kms-key') return [];
    if (view.resource.tool === 'crossplane') return crossplaneViolations(view);
    if (view.resource.tool === 'cloudformation') return cloudFormationViolations(view);
    if (view.resource.tool === 'terraform') return terraformViolations(view);
    return [];
  },
};

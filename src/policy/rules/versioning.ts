import type { PolicyRule } from '../rule.js';
import { requiredOrAdvice } from '../rule.js';
import { companionsOf } from '../companions.js';
import { fullPath, lineOf } from '../resource-view.js';
import { isUnknownValue } from '../../iac/resource-model.js';
import { readPath } from '../values.js';

const enabled = (value: unknown): boolean => isUnknownValue(value) || value === 'Enabled' || value === true;

/** IK-VER-001: S3 buckets keep object versions where the baseline asks for it. */
export const versioningRule: PolicyRule = {
  id: 'IK-VER-001',
  title: 'S3 versioning off',
  rationale:
    'Versioning keeps overwritten and deleted objects recoverable, against mistakes and ransomware alike.',
  controls: ['SOC 2 A1.2', 'NIST 800-53 CP-9', 'NIST 800-53 SI-12'],
  severity: requiredOrAdvice((environment) => environment.versioning),
  appliesTo: () => true,
  check(view, context) {
    if (view.entry?.kind !== 's3-bucket') return [];
    const tool = view.resource.tool;
    if (tool === 'cloudformation') {
      if (enabled(readPath(view.arguments, 'VersioningConfiguration.Status'))) return [];
      return [
        {
          message: 'VersioningConfiguration.Status is not Enabled',
          fieldPath: fullPath(view, 'VersioningConfiguration'),
          line: lineOf(view, 'VersioningConfiguration'),
          fix: 'Set VersioningConfiguration.Status: Enabled.',
          autofix: { kind: 'merge', path: ['VersioningConfiguration'], values: { Status: 'Enabled' } },
        },
      ];
    }
    if (tool === 'terraform' && enabled(readPath(view.arguments, 'versioning.enabled'))) return [];
    const companions = companionsOf(view, context, 's3-versioning');
    const field = tool === 'terraform' ? 'versioning_configuration.status' : 'versioningConfiguration.status';
    if (companions.some((companion) => enabled(readPath(companion.arguments, field)))) return [];
    const kind = tool === 'terraform' ? 'aws_s3_bucket_versioning' : 'BucketVersioning';
    return [
      {
        message: companions.length
          ? `${kind} does not set status Enabled`
          : `no ${kind} for this bucket: versioning is off`,
        line: companions.length ? lineOf(companions[0], field) : lineOf(view),
        fix: `Add a ${kind} with ${field} = "Enabled".`,
      },
    ];
  },
};

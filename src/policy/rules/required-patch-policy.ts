import { byProductionLike } from '../environment-level.js';
import type { PolicyRule, Violation } from '../rule.js';
import { asRecord, readPath } from '../values.js';

/** Patched fields a skipped patch silently leaves at the provider's (unsafe) default. */
const GUARDING_FIELDS =
  /(deletionProtection|multiAz|storageEncrypted|publiclyAccessible|backupRetentionPeriod|skipFinalSnapshot|kmsKeyId|encrypt)/i;

/**
 * IK-XP-001: a Patch-and-Transform patch that sets a safety field (deletion protection, Multi-AZ,
 * encryption, public access, backups) uses `policy.fromFieldPath: Required`. With the default
 * Optional policy a missing `spec.parameters.deletionProtection` skips the patch and the resource is
 * created unprotected, with no error.
 */
export const requiredPatchPolicyRule: PolicyRule = {
  id: 'IK-XP-001',
  title: 'Safety patch can be skipped silently',
  rationale:
    'An Optional patch whose source field is missing is skipped without a word: deletion protection, Multi-AZ or encryption then fall back to the provider default, which is off.',
  controls: ['SOC 2 CC8.1', 'SOC 2 A1.2', 'NIST 800-53 CP-9', 'NIST 800-53 CM-2', 'ISO 27001:2022 A.8.13'],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view) {
    const composition = view.resource;
    if (composition.tool !== 'crossplane' || composition.kind !== 'Composition') return [];
    const lines = composition.fieldLines ?? {};
    const groups: Array<{ prefix: string; entries: unknown }> = [
      { prefix: 'spec.resources', entries: readPath(composition.body, 'spec.resources') },
      ...((readPath(composition.body, 'spec.pipeline') as unknown[] | undefined) ?? []).map(
        (step, index) => ({
          prefix: `spec.pipeline[${index}].input.resources`,
          entries: readPath(step, 'input.resources'),
        }),
      ),
    ];
    const violations: Violation[] = [];
    for (const group of groups) {
      (Array.isArray(group.entries) ? group.entries : []).forEach((rawEntry, index) => {
        const entry = asRecord(rawEntry) ?? {};
        const patches = Array.isArray(entry.patches) ? entry.patches : [];
        patches.forEach((rawPatch, patchIndex) => {
          const patch = asRecord(rawPatch) ?? {};
          const type = patch.type ?? 'FromCompositeFieldPath';
          if (type !== 'FromCompositeFieldPath' && type !== 'CombineFromComposite') return;
          const target = String(patch.toFieldPath ?? patch.fromFieldPath ?? '');
          if (!GUARDING_FIELDS.test(target)) return;
          if (readPath(patch, 'policy.fromFieldPath') === 'Required') return;
          const path = `${group.prefix}[${index}].patches[${patchIndex}]`;
          violations.push({
            message: `patch to ${target} on ${String(entry.name ?? `resource ${index + 1}`)} is skipped when ${String(patch.fromFieldPath ?? 'its source')} is missing`,
            fieldPath: `${path}.policy.fromFieldPath`,
            line: lines[path] ?? composition.location.line,
            fix: 'Add policy: { fromFieldPath: Required } to the patch (or give the XRD field a default).',
          });
        });
      });
    }
    return violations;
  },
};

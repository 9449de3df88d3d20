import type { Environment } from '../../constraints/schema.js';
import { recordedPatchTargets, type PatchTarget } from '../../iac/crossplane/patches.js';
import { fieldPathSegments } from '../../iac/field-path.js';
import type { Resource } from '../../iac/resource-model.js';
import { definitionOfComposed as definitionOf } from '../composite-definitions.js';
import type { PolicyRule, Violation } from '../rule.js';
import { lineOf } from '../resource-view.js';
import { asRecord } from '../values.js';

/** The upjet fields that guard data, and the baseline setting that requires each. */
const SAFETY_FIELDS: Record<string, { what: string; required: (environment: Environment) => boolean }> = {
  deletionProtection: {
    what: 'deletion protection',
    required: (environment) => environment.deletionProtection,
  },
  multiAz: { what: 'Multi-AZ', required: (environment) => environment.multiAz },
  storageEncrypted: {
    what: 'encryption at rest',
    required: (environment) => environment.encryptionAtRest !== 'none',
  },
  encrypted: {
    what: 'encryption at rest',
    required: (environment) => environment.encryptionAtRest !== 'none',
  },
  backupRetentionPeriod: { what: 'backups', required: (environment) => environment.backups },
};

/** The composite's parameter a patch source names (`spec.parameters.deletionProtection` → that path). */
const parameterOf = (source: string): string[] | undefined => {
  const segments = fieldPathSegments(source).map(String);
  return segments[0] === 'spec' && segments.length > 1 ? segments : undefined;
};

/** Whether the XRD requires the parameter or gives it a default (so a patch reading it always runs). */
function alwaysSet(definition: Resource, path: string[]): boolean {
  const versions = asRecord(definition.body.spec)?.versions;
  return (Array.isArray(versions) ? versions : []).some((version) => {
    let node = asRecord(asRecord(asRecord(version)?.schema)?.openAPIV3Schema);
    for (const [index, segment] of path.entries()) {
      const required = node?.required;
      const child = asRecord(asRecord(node?.properties)?.[segment]);
      if (!child) return false;
      if (index === path.length - 1)
        return child.default !== undefined || (Array.isArray(required) && required.includes(segment));
      node = child;
    }
    return false;
  });
}

/** The parameters that can be unset (optional, no default) among a patch's sources. */
function optionalSources(target: PatchTarget, definition: Resource | undefined): string[] {
  return target.sources.filter((source) => {
    const path = parameterOf(source);
    return path !== undefined && (!definition || !alwaysSet(definition, path));
  });
}

/** IK-PATCH-001: a safety setting is written only by a patch that Crossplane skips when its parameter is unset. */
export const optionalSafetyPatchRule: PolicyRule = {
  id: 'IK-PATCH-001',
  title: 'Safety setting written only by a patch that is skipped when its parameter is unset',
  rationale:
    'Crossplane skips an Optional patch whose source field is unset (a combine patch when any variable is), so a deletion protection, Multi-AZ, encryption or backup setting that only such a patch writes is silently left at the provider default.',
  controls: ['SOC 2 A1.2', 'NIST 800-53 CP-9', 'NIST 800-53 CP-10'],
  severity: () => 'high',
  appliesTo: () => true,
  check(view, context) {
    const targets = recordedPatchTargets(view.resource.meta);
    if (targets.length === 0) return [];
    const forProvider = asRecord(asRecord(view.resource.body.spec)?.forProvider) ?? {};
    const definition = definitionOf(view.resource, context.parsed);
    const skipped = targets.flatMap((target) => {
      const segments = fieldPathSegments(target.path);
      const field = segments.length === 3 && segments[1] === 'forProvider' ? String(segments[2]) : undefined;
      const safety = field ? SAFETY_FIELDS[field] : undefined;
      if (!field || !safety || !target.optional || forProvider[field] !== undefined) return [];
      if (!safety.required(context.environment.environment)) return [];
      const unset = optionalSources(target, definition);
      return unset.length ? [{ field, safety, unset, target }] : [];
    });
    if (skipped.length === 0) return [];
    const fields = skipped.map(({ field, safety }) => `${field} (${safety.what})`).join(', ');
    const parameters = [...new Set(skipped.flatMap(({ unset }) => unset))].join(', ');
    const violation: Violation = {
      message: `${fields} ${skipped.length > 1 ? 'are' : 'is'} set only by an Optional patch, which Crossplane skips when ${parameters} ${skipped.length > 1 || parameters.includes(',') ? 'are' : 'is'} unset${definition ? ' (optional in the XRD, with no default)' : ' (the XRD was not found, so a default cannot be seen)'}: the provider default then applies`,
      fieldPath: `spec.forProvider.${skipped[0].field}`,
      line: skipped[0].target.line || lineOf(view, skipped[0].field),
      fix: `Give ${parameters} a default in the XRD, or write the safe value in the base and let the patch override it, or set the patch's policy.fromFieldPath: Required.`,
      autofix: { kind: 'patch-policy', lines: skipped.map(({ target }) => target.line) },
    };
    return [violation];
  },
};

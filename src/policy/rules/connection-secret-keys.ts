import { compositionsOf, isDefinition } from '../composite-definitions.js';
import { byProductionLike } from '../environment-level.js';
import type { PolicyRule, Violation } from '../rule.js';
import { asRecord, readPath } from '../values.js';

/** The connection detail names a Patch-and-Transform composition writes (`resources[].connectionDetails[].name`). */
function writtenDetails(composition: Record<string, unknown>): string[] | undefined {
  const lists = [
    readPath(composition, 'spec.resources'),
    ...((readPath(composition, 'spec.pipeline') as unknown[] | undefined) ?? []).map((step) =>
      readPath(step, 'input.resources'),
    ),
  ].filter(Array.isArray);
  if (lists.length === 0) return undefined;
  return lists.flat().flatMap((entry) => {
    const details = asRecord(entry)?.connectionDetails;
    return (Array.isArray(details) ? details : [])
      .map((detail) => asRecord(detail)?.name)
      .filter((name): name is string => typeof name === 'string');
  });
}

/**
 * IK-XRD-003: the keys an XRD promises in `connectionSecretKeys` are the ones its compositions
 * write, and a v1 composition that writes connection details says where
 * (`spec.writeConnectionSecretsToNamespace`). go-template compositions are compared textually.
 */
export const connectionSecretKeysRule: PolicyRule = {
  id: 'IK-XRD-003',
  title: 'Connection secret keys do not match what the composition writes',
  rationale:
    'A key listed in connectionSecretKeys that no composition writes leaves the consumer with an empty secret; a key written but not listed is silently dropped; without a namespace the v1 secret is not written at all.',
  controls: ['SOC 2 CC6.1', 'NIST 800-53 IA-5', 'ISO 27001:2022 A.5.17'],
  severity: byProductionLike('high', 'medium'),
  appliesTo: () => true,
  check(view, context) {
    const definition = view.resource;
    if (!isDefinition(definition)) return [];
    const rawKeys = readPath(definition.body, 'spec.connectionSecretKeys');
    const keys = (Array.isArray(rawKeys) ? rawKeys : []).map(String);
    const line = definition.fieldLines?.['spec.connectionSecretKeys'] ?? definition.location.line;
    const violations: Violation[] = [];
    for (const composition of compositionsOf(definition, context.parsed.resources)) {
      const written = writtenDetails(composition.body);
      const text = JSON.stringify(composition.body);
      const name = composition.name;
      for (const key of keys) {
        const found = written ? written.includes(key) : text.includes(key);
        if (!found)
          violations.push({
            message: `connectionSecretKeys lists "${key}" but composition ${name} never writes it`,
            fieldPath: 'spec.connectionSecretKeys',
            line,
            fix: `Write "${key}" as a connection detail in ${name}, or remove it from connectionSecretKeys.`,
          });
      }
      for (const detail of written ?? []) {
        if (keys.includes(detail)) continue;
        violations.push({
          message: `composition ${name} writes connection detail "${detail}" that connectionSecretKeys does not list, so it is dropped`,
          fieldPath: 'spec.connectionSecretKeys',
          line,
          fix: `Add "${detail}" to connectionSecretKeys.`,
        });
      }
      const v1 =
        readPath(definition.body, 'spec.scope') === undefined && !definition.apiVersion?.endsWith('/v2');
      if (
        v1 &&
        (keys.length > 0 || (written?.length ?? 0) > 0) &&
        readPath(composition.body, 'spec.writeConnectionSecretsToNamespace') === undefined
      )
        violations.push({
          message: `composition ${name} writes connection details but sets no spec.writeConnectionSecretsToNamespace`,
          fieldPath: 'spec.writeConnectionSecretsToNamespace',
          line: composition.location.line,
          fix: 'Set spec.writeConnectionSecretsToNamespace: crossplane-system in the Composition (Crossplane v2: compose a Secret in the XR namespace instead).',
        });
    }
    return violations;
  },
};

import { definedFields, definitionLine, isDefinition } from '../composite-definitions.js';
import type { PolicyRule, Violation } from '../rule.js';

/** IK-XRD-001: every XRD parameter has a type and a description. */
export const compositeFieldDocumentedRule: PolicyRule = {
  id: 'IK-XRD-001',
  title: 'XRD parameter without type or description',
  rationale:
    'The XRD is the API platform users read: an untyped parameter is accepted as anything by the API server and an undescribed one is guessed at by every consumer.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 SI-10', 'ISO 27001:2022 A.8.28'],
  severity: () => 'low',
  appliesTo: () => true,
  check(view) {
    const definition = view.resource;
    if (!isDefinition(definition)) return [];
    const violations: Violation[] = [];
    for (const field of definedFields(definition).spec) {
      const typed =
        field.schema.type !== undefined ||
        field.schema['x-kubernetes-int-or-string'] === true ||
        field.schema['x-kubernetes-preserve-unknown-fields'] === true;
      const line = definitionLine(definition, `properties.${field.name}`);
      if (!typed)
        violations.push({
          message: `parameter ${field.path} has no type`,
          fieldPath: field.path,
          line,
          fix: `Give ${field.name} a type (string, integer, boolean, array or object).`,
        });
      if (typeof field.schema.description !== 'string' || field.schema.description.trim() === '')
        violations.push({
          message: `parameter ${field.path} has no description`,
          fieldPath: field.path,
          line,
          fix: `Add a description to ${field.name}: what it is and which values it takes.`,
        });
    }
    return violations;
  },
};

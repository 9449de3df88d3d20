import { compositionsOf, definedFields, definitionLine, isDefinition } from '../composite-definitions.js';
import type { PolicyRule, Violation } from '../rule.js';

/**
 * IK-XRD-002: every XRD parameter is read by a Composition in the source, and every status field is
 * written by one. The check is textual (the field's name must appear in the Composition); when no
 * Composition for the XRD is in the source, there is nothing to compare with and the rule is silent.
 */
export const compositeFieldUsedRule: PolicyRule = {
  id: 'IK-XRD-002',
  title: 'XRD field never used by the composition',
  rationale:
    'A parameter nothing reads is a setting users change with no effect (a deletionProtection flag that protects nothing); a status field nothing writes is always empty.',
  controls: ['SOC 2 CC8.1', 'NIST 800-53 CM-2'],
  severity: () => 'medium',
  appliesTo: () => true,
  check(view, context) {
    const definition = view.resource;
    if (!isDefinition(definition)) return [];
    const compositions = compositionsOf(definition, context.parsed.resources);
    if (compositions.length === 0) return [];
    const text = compositions.map((composition) => JSON.stringify(composition.body)).join('\n');
    const mentions = (name: string) =>
      new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text);
    const fields = definedFields(definition);
    const violations: Violation[] = [];
    for (const field of fields.spec) {
      if (mentions(field.name)) continue;
      violations.push({
        message: `parameter ${field.path} is declared but no composition reads it`,
        fieldPath: field.path,
        line: definitionLine(definition, `properties.${field.name}`),
        fix: `Read ${field.path} in the composition, or remove it from the XRD.`,
      });
    }
    for (const field of fields.status) {
      if (mentions(field.name)) continue;
      violations.push({
        message: `status field ${field.path} is declared but no composition writes it`,
        fieldPath: field.path,
        line: definitionLine(definition, `properties.${field.name}`),
        fix: `Write ${field.path} from the composition (a ToCompositeFieldPath patch, or the XR's status in the template), or remove it.`,
      });
    }
    return violations;
  },
};

import { isUnknownValue, type ParsedSource, type UnknownValue } from '../iac/resource-model.js';
import { withInputDefault } from './values.js';
import { definedFields, isDefinition } from './composite-definitions.js';

/**
 * Every value a reference to a template input can take, when the input bounds it: an XRD parameter's
 * `enum`, a CloudFormation parameter's AllowedValues. Undefined when the value is not a reference or the
 * input takes anything.
 */
export function boundedValues(value: unknown, parsed: ParsedSource): unknown[] | undefined {
  if (!isUnknownValue(value) || !value.reference) return undefined;
  const { kind, name } = value.reference;
  if (kind !== 'parameter' && kind !== 'variable') return undefined;
  if (name.startsWith('spec.')) {
    for (const definition of parsed.resources.filter(isDefinition)) {
      const field = definedFields(definition).spec.find((candidate) => candidate.path === name);
      if (Array.isArray(field?.schema.enum) && field.schema.enum.length) return field.schema.enum;
    }
    return undefined;
  }
  const input = parsed.inputs.find((candidate) => candidate.name === name);
  return input?.allowed?.length ? input.allowed : undefined;
}

/**
 * The values a field can take: the literal itself, every value its input allows, or the input's
 * default; the unknown value itself when none of these tells (a rule reports that as cannot-see).
 */
export function possibleValues(value: unknown, parsed: ParsedSource): unknown[] | UnknownValue {
  if (!isUnknownValue(value)) return [value];
  const bounded = boundedValues(value, parsed);
  if (bounded) return bounded;
  const { value: resolved } = withInputDefault(value, parsed.inputs);
  return isUnknownValue(resolved) ? resolved : [resolved];
}

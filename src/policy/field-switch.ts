import { isUnknownValue, type UnknownValue } from '../iac/resource-model.js';
import { cannotSee } from './cannot-see.js';
import { possibleValues } from './input-values.js';
import type { RuleContext, Violation } from './rule.js';
import {
  fieldName,
  fullPath,
  lineOf,
  readField,
  type FieldNames,
  type ResourceView,
} from './resource-view.js';
import { literalString, truthOf } from './values.js';

/** A field's possible values (`[undefined]` when absent), or what hides them: an expression, a go-template action. */
export function fieldValues(
  view: ResourceView,
  names: FieldNames,
  context: RuleContext,
): unknown[] | UnknownValue {
  const { value } = readField(view, names);
  if (value === undefined) return [undefined];
  const values = possibleValues(value, context.parsed);
  if (isUnknownValue(values)) return values;
  const hidden = values.find(
    (candidate) => typeof candidate === 'string' && literalString(candidate) === undefined,
  );
  return typeof hidden === 'string' ? { unknown: true, expression: hidden } : values;
}

/** Where a finding on a field points: its full path and line (the resource's line when absent). */
export function fieldWhere(view: ResourceView, names: FieldNames): { fieldPath: string; line: number } {
  const path = fieldName(view, names) ?? names.terraform ?? '';
  return { fieldPath: fullPath(view, path), line: lineOf(view, path) };
}

/**
 * A boolean that must be on: a violation (with a `--fix` that sets it) when any value it can take is
 * off or it is absent, cannot-see when an expression hides it.
 */
export function switchedOn(
  view: ResourceView,
  names: FieldNames,
  context: RuleContext,
  what: string,
  consequence = `${what} is off`,
): Violation[] {
  const values = fieldValues(view, names, context);
  const name = fieldName(view, names) ?? names.terraform ?? '';
  if (isUnknownValue(values))
    return [
      cannotSee(
        `whether ${what} is on`,
        values,
        fieldWhere(view, names),
        `Write ${name} literally, or bound its input.`,
      ),
    ];
  const index = values.findIndex((value) => truthOf(value) !== 'yes');
  if (index < 0) return [];
  const off = values[index];
  return [
    {
      ...fieldWhere(view, names),
      message: `${name} is ${off === undefined ? 'not set' : String(off)}: ${consequence}`,
      fix: `Set ${name} to true.`,
      autofix: { kind: 'set', path: [name], value: true },
    },
  ];
}

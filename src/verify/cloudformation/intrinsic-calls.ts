import { isUnknownValue, type UnknownValue } from '../../iac/resource-model.js';
import { joinPath } from '../../iac/yaml/field-path.js';

/** One intrinsic function call in a resource, with the field it stands in. */
export interface IntrinsicCall {
  name: string;
  argument: unknown;
  expression: string;
  /** The field path under Properties (a nested call has the path of the field it sits in). */
  fieldPath: string;
}

/** Every intrinsic call in a value, nested calls (`!Select [0, !GetAZs ""]`) included. */
export function intrinsicCalls(value: unknown, path = ''): IntrinsicCall[] {
  if (isUnknownValue(value)) return callsOf(value, path);
  if (Array.isArray(value))
    return value.flatMap((item, index) => intrinsicCalls(item, joinPath(path, index)));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => intrinsicCalls(item, joinPath(path, key)));
  return [];
}

function callsOf(value: UnknownValue, path: string): IntrinsicCall[] {
  if (!value.intrinsic) return [];
  const { name, argument } = value.intrinsic;
  return [{ name, argument, expression: value.expression, fieldPath: path }, ...nestedCalls(argument, path)];
}

/** Calls inside an argument keep the path of the field the outer call stands in. */
function nestedCalls(argument: unknown, path: string): IntrinsicCall[] {
  if (isUnknownValue(argument)) return callsOf(argument, path);
  if (Array.isArray(argument)) return argument.flatMap((item) => nestedCalls(item, path));
  if (typeof argument === 'object' && argument !== null)
    return Object.values(argument).flatMap((item) => nestedCalls(item, path));
  return [];
}

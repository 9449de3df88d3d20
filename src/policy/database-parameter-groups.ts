import { isUnknownValue, type UnknownValue } from '../iac/resource-model.js';
import type { ResourceView } from './resource-view.js';
import { asRecord, isAbsent, literalString } from './values.js';

/** The parameter that makes an engine refuse connections without TLS, and the values that turn it on. */
export interface TlsSetting {
  /** Engines (`engine` / `Engine`) whose connections the setting governs. */
  engine: RegExp;
  /** Parameter group families that have the setting (MySQL 5.6 and MariaDB before 10.5 do not). */
  family: RegExp;
  name: string;
  on: string[];
}

export const TLS_SETTINGS: readonly TlsSetting[] = [
  {
    engine: /^(postgres|aurora-postgresql)/,
    family: /^(postgres|aurora-postgresql)\d/,
    name: 'rds.force_ssl',
    on: ['1'],
  },
  { engine: /^sqlserver/, family: /^sqlserver-/, name: 'rds.force_ssl', on: ['1'] },
  {
    engine: /^(mysql|mariadb|aurora-mysql)/,
    family: /^(mysql(5\.7|8\.\d)|mariadb(10\.([5-9]|1\d)|1[1-9])|aurora-mysql)/,
    name: 'require_secure_transport',
    on: ['1', 'on'],
  },
];

/**
 * The TLS setting a parameter group of this family must carry. For Aurora the setting is a cluster
 * parameter, so an instance-level group of an Aurora family has none.
 */
export function tlsSettingOf(family: string, kind: string | undefined): TlsSetting | undefined {
  if (kind === 'rds-parameter-group' && family.startsWith('aurora')) return undefined;
  return TLS_SETTINGS.find((setting) => setting.family.test(family));
}

/** A parameter's value in a group: Terraform/upjet `parameter` blocks of name/value, CloudFormation `Parameters` map. */
export type ParameterValue =
  | { kind: 'set'; value: unknown; path: string }
  | { kind: 'absent'; path: string }
  | { kind: 'unknown'; value: UnknownValue; path: string };

export function parameterSetting(view: ResourceView, name: string): ParameterValue {
  if (view.resource.tool === 'cloudformation') {
    const parameters = view.arguments.Parameters;
    if (isUnknownValue(parameters)) return { kind: 'unknown', value: parameters, path: 'Parameters' };
    const record = asRecord(parameters) ?? {};
    if (!(name in record)) return { kind: 'absent', path: 'Parameters' };
    const value = record[name];
    const path = `Parameters.${name}`;
    return isUnknownValue(value) ? { kind: 'unknown', value, path } : { kind: 'set', value, path };
  }
  const list = view.arguments.parameter;
  if (isUnknownValue(list)) return { kind: 'unknown', value: list, path: 'parameter' };
  const items = Array.isArray(list) ? list : [];
  for (const [index, item] of items.entries()) {
    const record = asRecord(item);
    if (!record) continue;
    const path = `parameter[${index}].value`;
    if (isUnknownValue(record.name)) return { kind: 'unknown', value: record.name, path };
    if (record.name !== name) continue;
    return isUnknownValue(record.value)
      ? { kind: 'unknown', value: record.value, path }
      : { kind: 'set', value: record.value, path };
  }
  return { kind: 'absent', path: 'parameter' };
}

/** How a database names its parameter group, and which group resources in the source that reference matches. */
export type GroupReference =
  { kind: 'absent' } | { kind: 'named'; value: unknown; matches: (group: ResourceView) => boolean };

const sameSource = (group: ResourceView, database: ResourceView): boolean => {
  const composition = database.resource.origin?.composition;
  return composition
    ? group.resource.origin?.composition === composition
    : group.resource.location.file === database.resource.location.file;
};

export function groupReference(database: ResourceView, value: unknown, path: string): GroupReference {
  const tool = database.resource.tool;
  if (tool === 'crossplane') {
    const ref = asRecord(database.arguments[`${path}Ref`]);
    const selector = database.arguments[`${path}Selector`];
    if (ref && typeof ref.name === 'string')
      return { kind: 'named', value: ref.name, matches: (group) => group.resource.name === ref.name };
    if (selector !== undefined || isUnknownValue(value))
      return {
        kind: 'named',
        value: isUnknownValue(value) ? value : 'a parameter group selector',
        matches: (group) => sameSource(group, database),
      };
    if (isAbsent(value)) return { kind: 'absent' };
    return { kind: 'named', value, matches: (group) => group.resource.name === value };
  }
  if (isAbsent(value)) return { kind: 'absent' };
  const literal = literalString(value);
  const nameField = tool === 'terraform' ? 'name' : path;
  if (literal !== undefined)
    return { kind: 'named', value, matches: (group) => group.arguments[nameField] === literal };
  const expression = isUnknownValue(value) ? value.expression : String(value);
  if (tool === 'terraform') {
    const match = /aws_(?:db|rds_cluster)_parameter_group\.([\w-]+)\./.exec(expression);
    return { kind: 'named', value, matches: (group) => match?.[1] === group.resource.name };
  }
  const logical = isUnknownValue(value) ? value.reference?.name : undefined;
  return { kind: 'named', value, matches: (group) => logical === group.resource.name };
}

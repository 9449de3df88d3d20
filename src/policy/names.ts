import { isUnknownValue } from '../iac/resource-model.js';
import type { ResourceView } from './resource-view.js';
import { asRecord, readPath } from './values.js';

/** Stands for a part of a name that is only known at deploy time. */
export const WILDCARD = '\u0000';

/** Where each kind keeps the name the cloud sees, per tool (Crossplane: the external name). */
const NAME_FIELDS: Record<string, { terraform?: string; cloudformation?: string; crossplane?: string }> = {
  's3-bucket': { terraform: 'bucket', cloudformation: 'BucketName' },
  'keyspaces-keyspace': { terraform: 'name', cloudformation: 'KeyspaceName' },
  'keyspaces-table': { terraform: 'table_name', cloudformation: 'TableName', crossplane: 'tableName' },
  'rds-instance': { terraform: 'identifier', cloudformation: 'DBInstanceIdentifier' },
  'rds-cluster': { terraform: 'cluster_identifier', cloudformation: 'DBClusterIdentifier' },
  'dynamodb-table': { terraform: 'name', cloudformation: 'TableName' },
};

/** A physical name with unknown parts replaced by WILDCARD; undefined when there is none to check. */
export interface PhysicalName {
  name: string;
  fieldPath: string;
  /** Path relative to the view's arguments, for line lookup; undefined for metadata fields. */
  relative?: string;
}

/** Turns an expression into a name shape: `${var.env}-orders` → `\0-orders`; a function call → undefined. */
export function nameShape(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/__ikvalue\d+__|\{\{[^}]*\}\}|\$\{[^}]*\}/g, WILDCARD);
  if (!isUnknownValue(value)) return undefined;
  const expression = value.expression.trim();
  const sub = /^(?:!Sub|Fn::Sub:?)\s+['"]?(.*?)['"]?$/.exec(expression);
  if (sub) return sub[1].replace(/\$\{[^}]*\}/g, WILDCARD);
  if (/^"?[^"(]*\$\{[^}]*\}[^"(]*"?$/.test(expression))
    return expression.replace(/^"|"$/g, '').replace(/\$\{[^}]*\}/g, WILDCARD);
  if (/\{\{.*\}\}/.test(expression) && !/^\{\{.*\}\}$/.test(expression))
    return expression.replace(/\{\{[^}]*\}\}/g, WILDCARD);
  return undefined;
}

/** The physical name of a resource, when the rules know where it lives and it is not wholly unknown. */
export function physicalName(view: ResourceView): PhysicalName | undefined {
  const fields = view.entry ? NAME_FIELDS[view.entry.kind] : undefined;
  if (!fields) return undefined;
  const tool = view.resource.tool;
  const relative =
    tool === 'terraform'
      ? fields.terraform
      : tool === 'cloudformation'
        ? fields.cloudformation
        : fields.crossplane;
  if (relative) {
    const shape = nameShape(readPath(view.arguments, relative));
    return shape === undefined || shape === WILDCARD
      ? undefined
      : { name: shape, fieldPath: `${view.prefix}${relative}`, relative };
  }
  if (tool !== 'crossplane') return undefined;
  const metadata = asRecord(view.resource.body.metadata) ?? {};
  const annotations = asRecord(metadata.annotations) ?? {};
  const external = annotations['crossplane.io/external-name'];
  const value = external ?? metadata.name;
  const shape = nameShape(value);
  if (shape === undefined || shape === WILDCARD) return undefined;
  return {
    name: shape,
    fieldPath: external !== undefined ? 'metadata.annotations.crossplane.io/external-name' : 'metadata.name',
  };
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { KindSchema, SchemaNode } from '../schema-node.js';

/** The installed CloudFormation resource specification: its package version and database file. */
export async function serviceSpecSource(): Promise<{
  version: string;
  databasePath: string;
  sha256: string;
}> {
  const require = createRequire(import.meta.url);
  const packagePath = require.resolve('@aws-cdk/aws-service-spec/package.json');
  const packageJson = JSON.parse(await readFile(packagePath, 'utf8')) as { version: string };
  const databasePath = packagePath.replace(/package\.json$/, 'db.json.gz');
  const sha256 = createHash('sha256')
    .update(await readFile(databasePath))
    .digest('hex');
  return { version: packageJson.version, databasePath, sha256 };
}

interface SpecType {
  type: string;
  element?: SpecType;
  types?: SpecType[];
  reference?: { $ref: string };
  allowedValues?: string[];
}
interface SpecProperty {
  type: SpecType;
  required?: boolean;
  documentation?: string;
  previousTypes?: SpecType[];
  deprecated?: unknown;
}
interface SpecDatabase {
  all(entity: 'resource'): Array<{
    cloudFormationType: string;
    documentation?: string;
    properties: Record<string, SpecProperty>;
    attributes?: Record<string, unknown>;
  }>;
  get(
    entity: 'typeDefinition',
    id: string,
  ): { name: string; documentation?: string; properties: Record<string, SpecProperty> };
}

const TAG: SchemaNode = {
  type: 'object',
  properties: { Key: { type: 'string' }, Value: { type: 'string' } },
  required: ['Key', 'Value'],
};

function convertType(
  type: SpecType,
  definitions: Record<string, SchemaNode>,
  database: SpecDatabase,
): SchemaNode {
  switch (type.type) {
    case 'string':
      return type.allowedValues?.length ? { type: 'string', enum: type.allowedValues } : { type: 'string' };
    case 'integer':
    case 'number':
    case 'boolean':
      return { type: type.type };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'tag':
      return TAG;
    case 'array':
      return {
        type: 'array',
        items: type.element ? convertType(type.element, definitions, database) : { any: true },
      };
    case 'map':
      return {
        type: 'object',
        additionalProperties: type.element ? convertType(type.element, definitions, database) : true,
      };
    case 'ref': {
      const id = type.reference?.$ref ?? '';
      if (!(id in definitions)) {
        definitions[id] = { type: 'object' };
        const definition = database.get('typeDefinition', id);
        definitions[id] = propertiesNode(
          definition.properties,
          definitions,
          database,
          definition.documentation,
        );
      }
      return { ref: id };
    }
    case 'union':
      return { anyOf: (type.types ?? []).map((option) => convertType(option, definitions, database)) };
    default:
      return { any: true };
  }
}

function propertiesNode(
  properties: Record<string, SpecProperty>,
  definitions: Record<string, SchemaNode>,
  database: SpecDatabase,
  documentation?: string,
): SchemaNode {
  const node: SchemaNode = {
    type: 'object',
    properties: {},
    ...(documentation ? { description: firstParagraph(documentation) } : {}),
  };
  const required: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    let converted = convertType(property.type, definitions, database);
    if (property.previousTypes?.length)
      converted = {
        anyOf: [
          converted,
          ...property.previousTypes.map((previous) => convertType(previous, definitions, database)),
        ],
      };
    node.properties![name] = {
      ...converted,
      ...(property.documentation ? { description: firstParagraph(property.documentation) } : {}),
    };
    if (property.required) required.push(name);
  }
  if (required.length) node.required = required;
  return node;
}

const firstParagraph = (text: string): string => text.split('\n\n')[0].slice(0, 600);

/** Bump when the derived CloudFormation kinds change shape, so the cached pack is derived again. */
export const CLOUDFORMATION_DERIVATION = 2;

/** Every CloudFormation resource type of the installed spec as a KindSchema (definitions per type). */
export async function cloudFormationKinds(version: string): Promise<KindSchema[]> {
  const { loadAwsServiceSpec } = await import('@aws-cdk/aws-service-spec');
  const database = (await loadAwsServiceSpec()) as unknown as SpecDatabase;
  return database.all('resource').map((resource) => {
    const definitions: Record<string, SchemaNode> = {};
    const schema = propertiesNode(resource.properties, definitions, database, resource.documentation);
    const [vendor, service, kind] = resource.cloudFormationType.split('::');
    const attributes = Object.keys(resource.attributes ?? {});
    return {
      key: resource.cloudFormationType,
      tool: 'cloudformation' as const,
      group: `${vendor}::${service}`,
      kind: kind ?? resource.cloudFormationType,
      versions: [{ name: version, served: true, storage: true, schema }],
      definitions,
      ...(attributes.length ? { attributes } : {}),
    };
  });
}

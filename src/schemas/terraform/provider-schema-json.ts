import { z } from 'zod';
import type { KindSchema, SchemaNode } from '../schema-node.js';

const AttributeSchema = z.looseObject({
  type: z.unknown().optional(),
  nested_type: z.unknown().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  optional: z.boolean().optional(),
  computed: z.boolean().optional(),
  deprecated: z.boolean().optional(),
});
type Block = {
  attributes?: Record<string, z.infer<typeof AttributeSchema>>;
  block_types?: Record<string, { nesting_mode?: string; min_items?: number; block: Block }>;
  description?: string;
};
const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.looseObject({
    attributes: z.record(z.string(), AttributeSchema).optional(),
    block_types: z
      .record(
        z.string(),
        z.looseObject({
          nesting_mode: z.string().optional(),
          min_items: z.number().optional(),
          block: BlockSchema,
        }),
      )
      .optional(),
    description: z.string().optional(),
  }),
);

/** The output of `terraform providers schema -json` / `tofu providers schema -json`. */
export const ProvidersSchemaJson = z.looseObject({
  format_version: z.string(),
  provider_schemas: z.record(
    z.string(),
    z.looseObject({
      resource_schemas: z
        .record(z.string(), z.looseObject({ version: z.number().optional(), block: BlockSchema }))
        .optional(),
      data_source_schemas: z
        .record(z.string(), z.looseObject({ version: z.number().optional(), block: BlockSchema }))
        .optional(),
    }),
  ),
});

/** A cty type expression (`"string"`, `["list","string"]`, `["object",{...}]`) as a SchemaNode. */
export function ctyToNode(type: unknown): SchemaNode {
  if (type === 'string') return { type: 'string' };
  if (type === 'number') return { type: 'number' };
  if (type === 'bool') return { type: 'boolean' };
  if (Array.isArray(type)) {
    const [kind, inner] = type as [string, unknown];
    if (kind === 'list' || kind === 'set') return { type: 'array', items: ctyToNode(inner) };
    if (kind === 'map') return { type: 'object', additionalProperties: ctyToNode(inner) };
    if (kind === 'object' && inner && typeof inner === 'object') {
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(inner).map(([key, value]) => [key, ctyToNode(value)])),
      };
    }
  }
  return { any: true };
}

/** A Terraform schema block as a SchemaNode; nested blocks are arrays, as HCL-to-JSON writes them. */
export function blockToNode(block: Block): SchemaNode {
  const properties: Record<string, SchemaNode> = {};
  const required: string[] = [];
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.computed && !attribute.optional && !attribute.required) continue;
    properties[name] = {
      ...(attribute.type !== undefined ? ctyToNode(attribute.type) : { any: true }),
      ...(attribute.description ? { description: attribute.description } : {}),
      ...(attribute.deprecated ? { deprecated: true } : {}),
    };
    if (attribute.required) required.push(name);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    properties[name] = { type: 'array', items: blockToNode(nested.block) };
    if ((nested.min_items ?? 0) > 0) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    ...(block.description ? { description: block.description } : {}),
  };
}

/** Every resource and data source of every provider in the JSON as KindSchemas. */
export function providerSchemaKinds(json: unknown, version: string): KindSchema[] {
  const parsed = ProvidersSchemaJson.parse(json);
  const kinds: KindSchema[] = [];
  for (const [address, provider] of Object.entries(parsed.provider_schemas)) {
    const group = address.split('/').pop() ?? address;
    for (const [mode, section] of [
      ['resource', provider.resource_schemas],
      ['data', provider.data_source_schemas],
    ] as const) {
      for (const [type, entry] of Object.entries(section ?? {})) {
        kinds.push({
          key: mode === 'data' ? `data.${type}` : type,
          tool: 'terraform',
          group,
          kind: type,
          versions: [{ name: version, served: true, storage: true, schema: blockToNode(entry.block) }],
        });
      }
    }
  }
  return kinds;
}

import { z } from 'zod';
import { PackSourceSchema } from './pack-schema.js';

/**
 * A portable derived index: `{ format: "infrakit-schema-index", source, provenance, kinds }`. Used to
 * carry an index derived from a published source (e.g. a subset of @cdktf/provider-aws) to another
 * machine; `infrakit schemas import` reads it like any other source.
 */
export const SchemaIndexFileSchema = z.object({
  format: z.literal('infrakit-schema-index'),
  source: PackSourceSchema.omit({ origin: true, sha256: true }),
  /** How the index was derived, from what published artefact. */
  provenance: z.string(),
  kinds: z.array(
    z.looseObject({
      key: z.string(),
      tool: z.enum(['kubernetes', 'cloudformation', 'terraform']),
      group: z.string(),
      kind: z.string(),
      versions: z.array(
        z.looseObject({
          name: z.string(),
          served: z.boolean(),
          storage: z.boolean(),
          schema: z.looseObject({}),
        }),
      ),
    }),
  ),
});
export type SchemaIndexFile = z.infer<typeof SchemaIndexFileSchema>;

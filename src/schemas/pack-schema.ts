import { z } from 'zod';
import { PACK_FORMAT } from './pack-format.js';

// The shape of a schema pack in the user cache, as zod schemas: the types every module uses, and the
// specification that the hand-written checks of pack-manifest-parse.ts (run on every verify) are
// tested against. Its own module, so that no verify builds these zod schemas at start-up.

export const PackSourceSchema = z.object({
  /** e.g. `provider-upjet-aws`, `aws-service-spec`, `terraform-provider-aws`, `project XRDs`. */
  name: z.string(),
  version: z.string(),
  tool: z.enum(['crossplane', 'kubernetes', 'cloudformation', 'terraform']),
  /** The file, directory or package it was imported from. */
  origin: z.string(),
  sha256: z.string(),
});
export type PackSource = z.infer<typeof PackSourceSchema>;

export const PackEntrySchema = z.object({
  key: z.string(),
  tool: z.enum(['kubernetes', 'cloudformation', 'terraform']),
  group: z.string(),
  kind: z.string(),
  scope: z.enum(['Namespaced', 'Cluster']).optional(),
  versions: z.array(
    z.object({
      name: z.string(),
      served: z.boolean(),
      storage: z.boolean(),
      deprecated: z.boolean().optional(),
    }),
  ),
  file: z.string(),
  /** sha256 of the kind's derived schema, recorded in schema.lock.json. */
  sha256: z.string(),
});
export type PackEntry = z.infer<typeof PackEntrySchema>;

export const PackManifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  id: z.string(),
  source: PackSourceSchema,
  importMs: z.number().optional(),
  bytes: z.number().optional(),
  kinds: z.array(PackEntrySchema),
});
export type PackManifest = z.infer<typeof PackManifestSchema>;

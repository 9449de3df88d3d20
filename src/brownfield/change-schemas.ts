import { z } from 'zod';

/**
 * The IaC Engineer's structured answers on an update track. Objects at the root with nullable
 * fields (not unions), so every provider's native structured output accepts them.
 */

/** One resource the change touches, and the fields in it. */
export const PlannedChangeSchema = z.object({
  file: z.string().describe('the file, relative to the target folder'),
  resource: z
    .string()
    .describe(
      'the resource key from the baseline: Terraform type.name, the CloudFormation logical id, or the Crossplane resource name',
    ),
  fields: z
    .array(z.string())
    .describe('dotted field paths that change, e.g. spec.forProvider.pointInTimeRecovery.status'),
  reason: z.string(),
});
export type PlannedChange = z.infer<typeof PlannedChangeSchema>;

/** The plan of an update: which resources and fields change. */
export const ChangePlanSchema = z.object({
  summary: z.string(),
  changes: z.array(PlannedChangeSchema).min(1),
});
export type ChangePlan = z.infer<typeof ChangePlanSchema>;

/** The edit operations the appliers understand. */
export const EDIT_OPERATIONS = ['set', 'delete', 'rename'] as const;

/** One edit: a field set or deleted inside a named resource, or a variable/parameter renamed. */
export const EditSchema = z.object({
  file: z.string().describe('the file, relative to the target folder'),
  resource: z
    .string()
    .describe('the resource key, as in the plan (for rename: the variable or parameter name)'),
  path: z
    .array(z.string())
    .describe(
      'field path inside the resource, e.g. ["spec","forProvider","ttl","status"]; "-" as the last item appends to a list; [] for rename',
    ),
  op: z.enum(EDIT_OPERATIONS),
  value: z
    .string()
    .nullable()
    .describe(
      'the new value written exactly as it should appear in the source (YAML, HCL or go-template text); the new name for rename; null for delete',
    ),
});
export type Edit = z.infer<typeof EditSchema>;

/** The IaC Engineer's implementation: edits, never whole files. */
export const EditsSchema = z.object({
  edits: z.array(EditSchema).min(1),
  notes: z.string(),
});
export type EditsResult = z.infer<typeof EditsSchema>;

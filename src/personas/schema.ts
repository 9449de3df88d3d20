import { z } from 'zod';
import { expected } from '../constraints/schema.js';

/** Artifacts a persona may be shown; its front matter `sees` lists a subset. */
export const ARTIFACTS = ['constraints', 'request', 'qa', 'spec', 'findings', 'plan', 'tasks', 'code', 'validator-output', 'baseline'] as const;
export type ArtifactName = (typeof ARTIFACTS)[number];

/** Where in the relay a persona works. Every `review` persona runs in parallel in `reviewing`. */
export const STAGES = ['spec', 'review', 'engineer'] as const;
export type Stage = (typeof STAGES)[number];

/** Structured output schemas a persona can answer with (see src/pipeline/output-schemas.ts). */
export const OUTPUT_SCHEMAS = ['clarify', 'review', 'plan', 'code'] as const;
export type OutputSchemaName = (typeof OUTPUT_SCHEMAS)[number];

/** The YAML front matter of personas/<id>.md. */
export const PersonaFrontMatterSchema = z.object(
  {
    id: z
      .string({ error: expected('a persona id such as architect') })
      .regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lowercase id such as finops-engineer' }),
    title: z.string({ error: expected('a title such as Cloud Architect') }).min(1),
    stage: z.enum(STAGES, { error: expected('spec, review or engineer') }),
    sees: z.array(z.enum(ARTIFACTS, { error: expected(`one of ${ARTIFACTS.join(', ')}`) }), {
      error: expected('a list of artifacts, e.g. [constraints, spec]'),
    }),
    output: z.enum(OUTPUT_SCHEMAS, { error: expected('clarify, review, plan or code') }),
  },
  { error: expected('YAML front matter with id, title, stage, sees and output') },
);
export type PersonaFrontMatter = z.infer<typeof PersonaFrontMatterSchema>;

/** A loaded persona: its front matter and its prompt body. */
export interface Persona extends PersonaFrontMatter {
  /** The markdown body: the persona's prompt, sent byte for byte as the cached prefix. */
  prompt: string;
  /** Where it was read from. */
  file: string;
}

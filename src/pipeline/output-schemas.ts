import { z } from 'zod';

/**
 * The structured answers personas return. Objects at the root with nullable fields (not unions),
 * so that every provider's native structured output accepts them.
 */

/** Solutions Engineer: exactly one of `question` or `spec`. */
export const ClarifySchema = z.object({
  question: z
    .object({
      key: z.string().describe('short snake_case key, e.g. replication_factor'),
      text: z.string(),
      options: z.array(z.string()).describe('suggested answers; empty when the answer is free text'),
    })
    .nullable(),
  spec: z
    .string()
    .nullable()
    .describe('the finished spec in markdown with numbered requirements R1, R2, ...; null while asking'),
});
export type ClarifyOutput = z.infer<typeof ClarifySchema>;

export const SEVERITY_VALUES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** One finding in a review. */
export const ReviewFindingSchema = z.object({
  id: z.string().describe('e.g. ARC-1 or SEC-3'),
  severity: z.enum(SEVERITY_VALUES),
  title: z.string(),
  detail: z.string(),
  recommendation: z.string(),
  controls: z.array(z.string()).describe('control references such as "SOC 2 CC6.1"; empty when none'),
});
export type ReviewFinding = z.infer<typeof ReviewFindingSchema>;

/** Architect, Security and any other `stage: review` persona. */
export const ReviewSchema = z.object({
  verdict: z.enum(['APPROVE', 'APPROVE WITH CHANGES', 'REJECT']),
  summary: z.string(),
  findings: z.array(ReviewFindingSchema),
});
export type ReviewResult = z.infer<typeof ReviewSchema>;

/** One task of the IaC Engineer's plan. */
export const TaskSchema = z.object({
  id: z.string().describe('T1, T2, ...'),
  title: z.string(),
  requirements: z.array(z.string()).describe('requirement ids from the spec, e.g. ["R1"]'),
  files: z.array(z.string()).describe('files this task writes, relative to the output folder'),
});
export type Task = z.infer<typeof TaskSchema>;

/** IaC Engineer, planning. */
export const PlanSchema = z.object({
  plan: z.string().describe('the plan in markdown'),
  tasks: z.array(TaskSchema).min(1),
});
export type PlanResult = z.infer<typeof PlanSchema>;

/** IaC Engineer, writing or repairing code: whole files, relative to the output folder. */
export const CodeSchema = z.object({
  files: z.array(z.object({ path: z.string(), content: z.string() })).min(1),
  notes: z.string(),
});
export type CodeResult = z.infer<typeof CodeSchema>;

/** The output schema for each name a persona's front matter may give. */
export const OUTPUT_SCHEMA_BY_NAME = {
  clarify: ClarifySchema,
  review: ReviewSchema,
  plan: PlanSchema,
  code: CodeSchema,
} as const;

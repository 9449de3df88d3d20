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

/** One line of the Architect's monthly cost estimate. */
export const CostLineSchema = z.object({
  item: z.string().describe('what is paid for, e.g. "RDS db.r6g.large Multi-AZ, prod"'),
  monthlyUsd: z.number().describe('estimated US dollars per month'),
  assumption: z.string().describe('the usage and price this line assumes, e.g. "730 h at $0.48/h"'),
});

/** The Architect's monthly cost estimate: lines, total and the assumptions behind them. */
export const CostEstimateSchema = z.object({
  lines: z.array(CostLineSchema),
  totalMonthlyUsd: z.number(),
  assumptions: z.array(z.string()).describe('region, load, retention and pricing date the estimate assumes'),
});

/** A named design option where more than one service fits. */
export const DesignOptionSchema = z.object({
  name: z.string().describe('e.g. "A: Aurora Serverless v2"'),
  summary: z.string(),
  tradeoffs: z.string().describe('cost, operations and limits against the other options'),
  chosen: z.boolean(),
});

/** Something the spec asks for that the requirements do not need. */
export const OverEngineeringSchema = z.object({
  item: z.string(),
  reason: z.string().describe('why the requirements do not need it'),
  simpler: z.string().describe('what to do instead'),
});

/** One control of a framework in scope and how the spec and the deterministic rules cover it. */
export const CoverageRowSchema = z.object({
  framework: z.string().describe('a framework in the compliance scope, e.g. "SOC 2"'),
  control: z.string().describe('e.g. "CC6.7"'),
  status: z.enum(['covered', 'gap', 'not-applicable']),
  evidence: z.string().describe('the requirement ids and rule ids (IK-...) that cover it, or the gap'),
});

/**
 * Architect, Security and any other `stage: review` persona. The Architect fills `costEstimate`,
 * `designOptions` and `overEngineering`; the Security Engineer fills `complianceCoverage`. The
 * defaults keep answers recorded before these fields existed valid.
 */
export const ReviewSchema = z.object({
  verdict: z.enum(['APPROVE', 'APPROVE WITH CHANGES', 'REJECT']),
  summary: z.string(),
  findings: z.array(ReviewFindingSchema),
  costEstimate: CostEstimateSchema.nullable()
    .default(null)
    .describe('Architect: the monthly cost estimate; null for other reviewers'),
  designOptions: z
    .array(DesignOptionSchema)
    .default([])
    .describe('Architect: two or three named options where more than one service fits; empty otherwise'),
  overEngineering: z
    .array(OverEngineeringSchema)
    .default([])
    .describe('Architect: what the requirements do not need; empty when nothing'),
  complianceCoverage: z
    .array(CoverageRowSchema)
    .default([])
    .describe(
      'Security: one row per control checked, for every framework in scope; empty for other reviewers',
    ),
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

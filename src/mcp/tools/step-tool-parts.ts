import { z } from 'zod';
import { IacToolSchema } from '../../constraints/schema.js';
import type { AgentEnvironment } from '../../steps/agent-deps.js';
import type { StepReport } from '../../steps/agent-operations.js';
import type { ClientBridge } from '../client-bridge.js';
import type { McpContext } from '../context.js';
import type { ToolCallExtra } from '../tool-definition.js';
import type { ToolOutput } from '../tool-output.js';

/** What the step tools need besides the context: the validators' environment and the client's name. */
export interface StepToolOptions {
  env: NodeJS.ProcessEnv;
  /** The MCP client's name (from initialize), recorded in the ledger as who answered. */
  clientName(): string | undefined;
  /** The client's model and user (sampling, elicitation), for track_run and a sampled track's submissions. */
  bridge?: ClientBridge;
}

/** A track argument: an id, or a name. */
export const TRACK = z
  .string()
  .min(1)
  .max(200)
  .describe('A track id, or a name for the newest track of that name.');

/** The arguments that start a track (track_start; track_run without a track). */
export const START_SHAPE = {
  name: z.string().min(1).max(60).describe('kebab-case name, e.g. cassandra-keyspace'),
  tool: IacToolSchema.describe('crossplane, terraform or cloudformation'),
  request: z.string().min(1).max(20_000).describe("the user's request, in their words"),
  environment: z.string().min(1).optional().describe('an environment of .infrakit/context.md'),
  through: z
    .enum(['spec', 'plan', 'implement'])
    .optional()
    .describe('stop after the reviewed spec, after the plan, or go on through the code and the gates'),
  maxQuestions: z.number().int().min(0).max(20).optional().describe('clarifying questions at most (5)'),
};

/** How a tool call reaches the track: the project, the validators' environment, its progress lines. */
export function stepEnvironment(
  options: StepToolOptions,
  context: McpContext,
  extra?: ToolCallExtra,
): AgentEnvironment {
  return {
    projectRoot: context.projectRoot,
    env: options.env,
    progress: (message: string) => {
      context.log(message);
      extra?.progress(message);
    },
  };
}

/** The report as the model reads it: the state, what to do, then each pending step in full. */
export function stepReportOutput(report: StepReport): ToolOutput {
  const lines = [
    `track ${report.track}: ${report.state}${report.reason ? ` (${report.reason})` : ''}`,
    report.next,
    ...report.pending.flatMap((step) => [
      '',
      `## step ${step.id}: ${step.title}`,
      ...(step.question
        ? [
            `Question: ${step.question.text}`,
            ...(step.question.options.length ? [`Options: ${step.question.options.join(' | ')}`] : []),
          ]
        : ['(system and prompt in the structured result; answer with JSON matching its schema)']),
    ]),
    ...report.gates.map((gate) => `gate ${gate.gate}: ${gate.status}: ${gate.summary}`),
  ];
  return { text: lines.join('\n'), data: { ...report } };
}

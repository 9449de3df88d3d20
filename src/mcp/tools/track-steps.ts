import { z } from 'zod';
import { IacToolSchema } from '../../constraints/schema.js';
import { checkName } from '../../tracks/naming.js';
import { findTrack } from '../../tracks/store.js';
import type { StepReport } from '../../steps/agent-operations.js';
import type { McpContext } from '../context.js';
import { defineTool, type McpTool } from '../tool-definition.js';
import type { ToolOutput } from '../tool-output.js';

/** What the step tools need besides the context: the validators' environment and the client's name. */
export interface StepToolOptions {
  env: NodeJS.ProcessEnv;
  /** The MCP client's name (from initialize), recorded in the ledger as who answered. */
  clientName(): string | undefined;
}

const TRACK = z.string().min(1).max(200).describe('A track id, or a name for the newest track of that name.');

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

/**
 * The step protocol as MCP tools: start a track, get its pending steps, submit one answer.
 * Calls on one track run one after another in this server (parallel review answers queue here
 * instead of meeting the track lock); another process driving the track gets the lock refusal.
 */
export function trackStepTools(options: StepToolOptions): McpTool[] {
  const queues = new Map<string, Promise<unknown>>();
  const inTurn = async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const before = queues.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
  const environmentOf = (context: McpContext) => ({
    projectRoot: context.projectRoot,
    env: options.env,
    progress: (message: string) => context.log(message),
  });
  const start = defineTool({
    name: 'track_start',
    title: 'Start a track (agent mode)',
    description:
      'Starts a new track driven by you, the host agent: no API key. Returns the first pending step (a question for your ' +
      'user, or a persona prompt to answer). infrakit sequences the steps, commits the track and runs the gates; only ' +
      'infrakit decides done.',
    inputSchema: z
      .object({
        name: z.string().min(1).max(60).describe('kebab-case name, e.g. cassandra-keyspace'),
        tool: IacToolSchema.describe('crossplane, terraform or cloudformation'),
        request: z.string().min(1).max(20_000).describe("the user's request, in their words"),
        environment: z.string().min(1).optional().describe('an environment of .infrakit/context.md'),
        through: z
          .enum(['spec', 'plan', 'implement'])
          .optional()
          .describe(
            'stop after the reviewed spec (default), after the plan, or go on through the code and the gates',
          ),
        maxQuestions: z.number().int().min(0).max(20).optional().describe('clarifying questions at most (5)'),
      })
      .strict(),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (input, context) => {
      checkName(input.name);
      const { startAgentTrack } = await import('../../steps/agent-operations.js');
      return stepReportOutput(
        await startAgentTrack(environmentOf(context), {
          name: input.name,
          tool: input.tool,
          request: input.request,
          environment: input.environment,
          through: input.through ?? 'spec',
          maxQuestions: input.maxQuestions ?? 5,
        }),
      );
    },
  });
  const next = defineTool({
    name: 'track_next_step',
    title: 'Next step of a track',
    description:
      'The pending steps of a track: for each, its id, the persona, its isolated system and prompt, and the JSON Schema ' +
      'of the answer. Several steps at once (the reviews) may be answered in parallel, each in its own context. With ' +
      'advance "plan" or "implement" a resting track moves on; "retry" re-runs a blocked or failed step.',
    inputSchema: z
      .object({ track: TRACK, advance: z.enum(['plan', 'implement', 'retry']).optional() })
      .strict(),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (input, context) => {
      const track = await findTrack(context.projectRoot, input.track);
      const { nextAgentStep } = await import('../../steps/agent-operations.js');
      return stepReportOutput(
        await inTurn(track, () => nextAgentStep(environmentOf(context), track, input.advance)),
      );
    },
  });
  const submit = defineTool({
    name: 'track_submit_step',
    title: 'Submit the answer of a step',
    description:
      "Submits your answer to one pending step: JSON matching the step's schema (an object, or its JSON text). A wrong " +
      'step, a second answer, or an answer that does not match is refused with the reason and changes nothing. An ' +
      'accepted answer is committed to the track and the relay moves on; the reply holds the next pending steps.',
    inputSchema: z
      .object({
        track: TRACK,
        step: z.string().min(1).max(120).describe('the id of the pending step'),
        answer: z
          .union([z.record(z.string(), z.unknown()), z.string().max(8_000_000)])
          .describe('the answer: a JSON object matching the step schema, or its JSON text'),
      })
      .strict(),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (input, context) => {
      const track = await findTrack(context.projectRoot, input.track);
      const { submitAgentStep } = await import('../../steps/agent-operations.js');
      const answer = typeof input.answer === 'string' ? input.answer : JSON.stringify(input.answer);
      return stepReportOutput(
        await inTurn(track, () =>
          submitAgentStep(environmentOf(context), track, {
            stepId: input.step,
            answer,
            answeredBy: options.clientName(),
          }),
        ),
      );
    },
  });
  return [start, next, submit] as McpTool[];
}

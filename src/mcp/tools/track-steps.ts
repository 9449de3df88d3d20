import { z } from 'zod';
import { checkName } from '../../tracks/naming.js';
import { findTrack } from '../../tracks/store.js';
import type { McpContext } from '../context.js';
import { samplingDriveModel } from '../sampling-model.js';
import { defineTool, type McpTool } from '../tool-definition.js';
import {
  START_SHAPE,
  stepEnvironment,
  stepReportOutput,
  TRACK,
  type StepToolOptions,
} from './step-tool-parts.js';
import { createTrackQueue } from './track-queue.js';
import { trackRunTool } from './track-run.js';

/**
 * The step protocol as MCP tools: start a track, get its pending steps, submit one answer.
 * Calls on one track run one after another in this server (parallel review answers queue here
 * instead of meeting the track lock); another process driving the track gets the lock refusal.
 */
export function trackStepTools(options: StepToolOptions): McpTool[] {
  const inTurn = createTrackQueue();
  const environmentOf = (context: McpContext) => stepEnvironment(options, context);
  const start = defineTool({
    name: 'track_start',
    title: 'Start a track (agent mode)',
    description:
      'Starts a new track driven by you, the host agent: no API key. Returns the first pending step (a question for your ' +
      'user, or a persona prompt to answer). infrakit sequences the steps, commits the track and runs the gates; only ' +
      'infrakit decides done.',
    inputSchema: z
      .object({
        ...START_SHAPE,
        through: START_SHAPE.through.describe(
          'stop after the reviewed spec (default), after the plan, or go on through the code and the gates',
        ),
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
    run: async (input, context, extra) => {
      const track = await findTrack(context.projectRoot, input.track);
      const { submitAgentStep } = await import('../../steps/agent-operations.js');
      const answer = typeof input.answer === 'string' ? input.answer : JSON.stringify(input.answer);
      // A track started with track_run goes on through the client's model after the user's answer.
      const sampling = options.bridge?.canSample()
        ? samplingDriveModel(options.bridge, extra, context.log)
        : undefined;
      return stepReportOutput(
        await inTurn(track, () =>
          submitAgentStep(
            stepEnvironment(options, context, extra),
            track,
            { stepId: input.step, answer, answeredBy: options.clientName() },
            sampling,
          ),
        ),
      );
    },
  });
  return [
    start,
    next,
    submit,
    ...(options.bridge ? [trackRunTool(options, options.bridge, inTurn)] : []),
  ] as McpTool[];
}

import { z } from 'zod';
import { UsageError } from '../../errors/index.js';
import { checkName } from '../../tracks/naming.js';
import { findTrack } from '../../tracks/store.js';
import type { ClientBridge } from '../client-bridge.js';
import { samplingDriveModel } from '../sampling-model.js';
import { defineTool, type McpTool } from '../tool-definition.js';
import {
  START_SHAPE,
  stepEnvironment,
  stepReportOutput,
  TRACK,
  type StepToolOptions,
} from './step-tool-parts.js';
import type { TrackQueue } from './track-queue.js';

const START_FIELDS = ['name', 'tool', 'request', 'environment', 'through', 'maxQuestions'] as const;

const inputSchema = z
  .object({
    track: TRACK.optional().describe(
      'continue this track (leave out name, tool and request); without it a new track is started',
    ),
    advance: z
      .enum(['plan', 'implement', 'retry'])
      .optional()
      .describe('with track: move a resting track on, or re-run a blocked or failed step'),
    ...START_SHAPE,
    name: START_SHAPE.name.optional(),
    tool: START_SHAPE.tool.optional(),
    request: START_SHAPE.request.optional(),
    through: START_SHAPE.through.describe(
      'how far a new track goes: the reviewed spec, the plan, or through the code and the gates (default)',
    ),
  })
  .strict();

/** Which arguments a call needs and lacks, or gives and must not: named, with the fix. */
function checkArguments(input: z.infer<typeof inputSchema>): void {
  if (input.track !== undefined) {
    const extra = START_FIELDS.filter((field) => input[field] !== undefined);
    if (extra.length)
      throw new UsageError(
        `track_run: "track" continues a track; ${extra.map((field) => `"${field}"`).join(', ')} only start a new one`,
        { hint: 'Give either {"track": "<id>", "advance": ...} or {"name", "tool", "request", ...}.' },
      );
    return;
  }
  const missing = (['name', 'tool', 'request'] as const).filter((field) => input[field] === undefined);
  if (missing.length)
    throw new UsageError(`track_run: ${missing.map((field) => `"${field}"`).join(', ')} missing`, {
      hint: 'Start a track with {"name": "cassandra-keyspace", "tool": "crossplane", "request": "..."}, or continue one with {"track": "<id>"}.',
    });
  if (input.advance !== undefined)
    throw new UsageError('track_run: "advance" moves an existing track on; give "track" with it', {
      hint: 'A new track runs as far as "through" says.',
    });
}

/**
 * track_run: the whole relay through the MCP client's own model (sampling), for clients that
 * offer it. Each persona call is one sampling request holding only that persona's prompt; a
 * question goes to the user through elicitation, or comes back as a step. infrakit runs the
 * gates and commits every step, exactly as for a track driven step by step.
 */
export function trackRunTool(options: StepToolOptions, bridge: ClientBridge, inTurn: TrackQueue): McpTool {
  return defineTool({
    name: 'track_run',
    title: 'Run a track through your model (sampling)',
    description:
      'Runs a whole track through the model of your MCP client (sampling/createMessage), with no API key: each persona ' +
      'call is one isolated sampling request with only its own prompt; the two reviews are asked in parallel. ' +
      'Questions go to your user as a form (elicitation) when you support it, else they come back as a step: ask the ' +
      'user and submit the answer with track_submit_step, and the run goes on. infrakit runs the gates, commits each ' +
      'step and alone decides done. Needs the sampling capability; otherwise use track_start.',
    inputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    run: async (input, context, extra) => {
      checkArguments(input);
      if (!bridge.canSample())
        throw new UsageError(
          'track_run: this MCP client does not offer sampling (no "sampling" capability at initialize), so infrakit cannot ask its model',
          {
            hint: 'Drive the track yourself with track_start, track_next_step and track_submit_step: the same relay, one step at a time.',
          },
        );
      const environment = stepEnvironment(options, context, extra);
      const model = samplingDriveModel(bridge, extra, context.log);
      const operations = await import('../../steps/agent-operations.js');
      if (input.track !== undefined) {
        const track = await findTrack(context.projectRoot, input.track);
        return stepReportOutput(
          await inTurn(track, () => operations.nextAgentStep(environment, track, input.advance, model)),
        );
      }
      checkName(input.name!);
      return stepReportOutput(
        await operations.startAgentTrack(
          environment,
          {
            name: input.name!,
            tool: input.tool!,
            request: input.request!,
            environment: input.environment,
            through: input.through ?? 'implement',
            maxQuestions: input.maxQuestions ?? 5,
          },
          model,
        ),
      );
    },
  }) as unknown as McpTool;
}

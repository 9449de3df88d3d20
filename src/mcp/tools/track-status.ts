import { z } from 'zod';
import { allTrackStatuses, trackStatus, type TrackStatus } from '../../pipeline/status.js';
import { defineTool } from '../tool-definition.js';

/** `track_status`: `infrakit status` for agents: where each pipeline track stands. */
export const trackStatusTool = defineTool({
  name: 'track_status',
  title: 'Track status',
  description:
    'Without a track: every track in the project with its state. With a track id or name: its state, environment, ' +
    'request, completed steps and their files, review verdicts, gate results, token usage, and why it is blocked if it is.',
  inputSchema: z
    .object({
      track: z
        .string()
        .min(1)
        .optional()
        .describe('A track id, or a name for the newest track of that name.'),
    })
    .strict(),
  annotations: { readOnlyHint: true, openWorldHint: false },
  run: async (input, context) => {
    if (input.track === undefined) {
      const tracks = await allTrackStatuses(context.projectRoot);
      const lines = tracks.map((status) => `- ${headline(status)}`);
      return {
        text: tracks.length
          ? [`${tracks.length} track${tracks.length === 1 ? '' : 's'}:`, ...lines].join('\n')
          : 'no tracks yet',
        data: { tracks: tracks.map(withoutChangelog) },
      };
    }
    const status = await trackStatus(context.projectRoot, input.track);
    const text = [
      headline(status),
      ...(status.reason ? [`reason: ${status.reason}`] : []),
      ...status.steps.map(
        (step) =>
          `- step ${step.number} ${step.name} (${step.persona}${status.answeredBy[step.number] ? `, answered by ${status.answeredBy[step.number]}` : ''}): ${step.files.join(', ') || 'no files'}`,
      ),
      ...Object.entries(status.reviews).map(
        ([reviewer, review]) =>
          `- review ${reviewer}: ${review.verdict}, ${review.openFindings} open finding(s)`,
      ),
      ...status.gates.map((gate) => `- gate ${gate.gate}: ${gate.status}: ${gate.summary}`),
    ].join('\n');
    return { text, data: { ...status } };
  },
});

function headline(status: TrackStatus): string {
  const environment = status.meta.environment ? `, ${status.meta.environment}` : '';
  return `${status.meta.track} (${status.meta.tool}${environment}): ${status.state}`;
}

/** The overview leaves out each track's changelog text, which can be long. */
function withoutChangelog(status: TrackStatus): Record<string, unknown> {
  const { changelog: _changelog, ...rest } = status;
  return rest;
}

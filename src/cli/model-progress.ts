import type { ModelClient, ModelRequest, Usage } from '../../providers/types.js';
import type { CliIO } from './io.js';
import {
  compactCount,
  createProgressBoard,
  elapsedText,
  type ProgressBoard,
  type ProgressLine,
} from './progress.js';

/** The persona a call is for, as the progress line names it. */
export interface CallerName {
  title: string;
}

/** What the line says while the call runs: who, and what kind of turn it is. */
function workingLabel(caller: CallerName, request: ModelRequest): string {
  const lookups = request.tools !== undefined && request.tools.length > 0 && request.output === undefined;
  return `${caller.title} is working${lookups ? ' (schema lookups)' : ''}`;
}

/**
 * `1.2k tokens out, 5.1k in` from the provider's final usage; when it reported none (a scripted
 * replay, a local server without usage) the line's estimate, marked `~`, or nothing.
 */
function usageText(usage: Usage, line: ProgressLine): string {
  if (usage.outputTokens === 0) return line.tokens() ? `${line.tokens()} out (estimated)` : '';
  const out = `${compactCount(usage.outputTokens)} tokens out`;
  return usage.inputTokens > 0 ? `${out}, ${compactCount(usage.inputTokens)} in` : out;
}

/**
 * Wraps a model client so every call streams and shows on the board: a live line while it runs,
 * then one final line (`✓ Cloud Architect · 3.4s · 812 tokens out, 5.1k in`) that stays.
 */
export function withCallProgress(client: ModelClient, caller: CallerName, board: ProgressBoard): ModelClient {
  return {
    specificationVersion: client.specificationVersion,
    provider: client.provider,
    modelId: client.modelId,
    async generate(request) {
      const line = board.start(workingLabel(caller, request));
      try {
        const response = await client.generate({
          ...request,
          onStream: (event) => {
            line.onStream(event);
            request.onStream?.(event);
          },
        });
        const used = usageText(response.usage, line);
        line.stop(`✓ ${caller.title} · ${elapsedText(line.elapsedMs())}${used ? ` · ${used}` : ''}`);
        return response;
      } catch (error) {
        const why = request.signal?.aborted ? 'interrupted' : 'failed';
        line.stop(`✗ ${caller.title} · ${why} after ${elapsedText(line.elapsedMs())}`);
        throw error;
      }
    },
  };
}

/** The board for one command: redrawn in place on a terminal, one line per call with --json or no TTY. */
export function progressBoardFor(
  io: CliIO,
  stream: NodeJS.WriteStream = process.stderr,
  options: { now?: () => number } = {},
): ProgressBoard {
  return createProgressBoard({
    stream,
    enabled: Boolean(stream.isTTY) && !io.json,
    // Final lines go through the command's IO (stderr, redacted), so they sit among its other warnings.
    writeLine: (line) => io.warn(line),
    now: options.now,
  });
}

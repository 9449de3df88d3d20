import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { InfrakitError } from '../errors/index.js';

/** What a tool returns on success: a short text for the model and the same facts as structured data. */
export interface ToolOutput {
  text: string;
  data: Record<string, unknown>;
}

/** The MCP result for a successful tool call. */
export function toolSuccess(output: ToolOutput): CallToolResult {
  return { content: [{ type: 'text', text: output.text }], structuredContent: output.data };
}

/**
 * The MCP tool error for anything a tool threw: InfraKit's own errors keep their message and hint,
 * anything else is reported as a bug. The model sees the text; the structured part names the kind.
 */
export function toolError(error: unknown): CallToolResult {
  const { kind, message, hint, problems } = describeError(error);
  const text = [
    message,
    ...(problems.length > 1 ? problems.map((problem) => `  - ${problem}`) : []),
    ...(hint ? [hint] : []),
  ].join('\n');
  return {
    isError: true,
    content: [{ type: 'text', text }],
    structuredContent: {
      error: { kind, message, ...(hint ? { hint } : {}), ...(problems.length ? { problems } : {}) },
    },
  };
}

/** The parts of an error a caller needs. */
export function describeError(error: unknown): {
  kind: string;
  message: string;
  hint?: string;
  problems: string[];
} {
  if (InfrakitError.isInstance(error)) {
    const listed = (error as unknown as { problems?: unknown }).problems;
    const problems = Array.isArray(listed) ? listed.map(String) : [];
    return { kind: error.name, message: error.message, hint: error.hint, problems };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'InternalError',
    message: `internal error: ${message}`,
    hint: 'This is a bug in infrakit. Please report it with the tool call that caused it.',
    problems: [],
  };
}

import { z } from 'zod';
import type { LookupTool } from '../backends.js';
import { defineTool, type McpTool } from '../tool-definition.js';
import { notAvailable } from '../unavailable.js';

/** The three schema lookups, in the order they are listed. */
export const LOOKUP_TOOL_NAMES = ['list_resource_types', 'describe_resource', 'describe_field'] as const;

/**
 * The schema lookup tools as MCP tools: the very definitions and functions the personas use
 * (src/schemas/lookup-tools.ts). The lookup's text answer is the text; JSON answers are also the
 * structured content.
 */
export function lookupMcpTools(lookups: LookupTool[] | undefined): McpTool[] {
  if (!lookups) return LOOKUP_TOOL_NAMES.map(unavailableLookup);
  return lookups.map((lookup) =>
    defineTool({
      name: lookup.definition.name,
      title: lookup.definition.name.replace(/_/g, ' '),
      description: lookup.definition.description,
      inputSchema: asObjectSchema(lookup.definition.parameters),
      annotations: { readOnlyHint: true, openWorldHint: false },
      run: async (input) => {
        const answer = await lookup.run(input);
        return { text: answer, data: structured(answer) };
      },
    }),
  );
}

function structured(answer: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(answer);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return { result: parsed };
  } catch {
    return { result: answer };
  }
}

function asObjectSchema(schema: z.ZodType): z.ZodObject {
  return schema instanceof z.ZodObject ? schema : z.object({ input: schema });
}

function unavailableLookup(name: (typeof LOOKUP_TOOL_NAMES)[number]): McpTool {
  return defineTool({
    name,
    title: name.replace(/_/g, ' '),
    description: `Schema lookup (${name}); not available in this build of infrakit.`,
    inputSchema: z.object({}).loose(),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async () => {
      throw notAvailable(name, 'the provider schema store');
    },
  });
}

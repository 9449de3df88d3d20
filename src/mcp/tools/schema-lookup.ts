import { z } from 'zod';
import { UsageError } from '../../errors/index.js';
import type { LookupTool } from '../backends.js';
import { defineTool, type McpTool } from '../tool-definition.js';
import { notAvailable } from '../unavailable.js';

/** The three schema lookups, in the order they are listed. */
export const LOOKUP_TOOL_NAMES = ['list_resource_types', 'describe_resource', 'describe_field'] as const;

/**
 * The schema lookups as MCP tools: the very definitions and functions the IaC Engineer persona uses
 * (src/schemas/lookup-tools.ts). `definitions` gives the names and schemas; each call runs a fresh
 * set from `open`, so schemas imported while the server runs are seen. An `{ error }` answer
 * becomes a tool error.
 */
export function lookupMcpTools(definitions: LookupTool[] | undefined, open: () => Promise<LookupTool[]>): McpTool[] {
  if (!definitions) return LOOKUP_TOOL_NAMES.map(unavailableLookup);
  return definitions.map(({ definition }) =>
    defineTool({
      name: definition.name,
      title: definition.name.replace(/_/g, ' '),
      description: definition.description,
      inputSchema: asObjectSchema(definition.parameters),
      annotations: { readOnlyHint: true, openWorldHint: false },
      run: async (input) => {
        const lookup = (await open()).find((candidate) => candidate.definition.name === definition.name);
        if (!lookup) throw notAvailable(definition.name, 'this schema lookup');
        const answer = await lookup.run(input);
        const data = structured(answer);
        if (typeof data.error === 'string') {
          throw new UsageError(`${definition.name}: ${data.error}`, {
            hint: 'Search with list_resource_types for the exact apiVersion and kind, and check "infrakit schemas list".',
          });
        }
        return { text: answer, data };
      },
    }),
  );
}

/** The lookup's JSON answer as structured content (an object; a list becomes `{ matches }`). */
function structured(answer: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(answer);
    if (Array.isArray(parsed)) return { matches: parsed };
    if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
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

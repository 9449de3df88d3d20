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
 * becomes a tool error. Without definitions (the store could not be opened at start-up) the tools
 * are still listed, and each call tries to open the store again and reports why it cannot.
 */
export function lookupMcpTools(
  definitions: LookupTool[] | undefined,
  open?: () => Promise<LookupTool[]>,
): McpTool[] {
  if (!open) return LOOKUP_TOOL_NAMES.map((name) => lookupTool(name, unavailableDefinition(name), undefined));
  const listed = definitions?.map((lookup) => lookup.definition) ?? LOOKUP_TOOL_NAMES.map(retryDefinition);
  return listed.map((definition) => lookupTool(definition.name, definition, open));
}

function lookupTool(
  name: string,
  definition: LookupTool['definition'],
  open: (() => Promise<LookupTool[]>) | undefined,
): McpTool {
  return defineTool({
    name,
    title: name.replace(/_/g, ' '),
    description: definition.description,
    inputSchema: asObjectSchema(definition.parameters),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (input) => {
      if (!open) throw notAvailable(name, 'the provider schema store');
      const lookup = (await open()).find((candidate) => candidate.definition.name === name);
      if (!lookup) throw notAvailable(name, 'this schema lookup');
      const answer = await lookup.run(input);
      const data = structured(answer);
      if (typeof data.error === 'string') {
        throw new UsageError(`${name}: ${data.error}`, {
          hint: 'Search with list_resource_types for the exact apiVersion and kind, and check "infrakit schemas list".',
        });
      }
      return { text: answer, data };
    },
  });
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

function unavailableDefinition(name: string): LookupTool['definition'] {
  return {
    name,
    description: `Schema lookup (${name}); not available in this build of infrakit.`,
    parameters: z.object({}).loose(),
  };
}

function retryDefinition(name: string): LookupTool['definition'] {
  return {
    name,
    description: `Schema lookup (${name}); the schema store could not be opened, each call retries.`,
    parameters: z.object({}).loose(),
  };
}

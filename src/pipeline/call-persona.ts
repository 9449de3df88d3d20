import type { z } from 'zod';
import type { ChatMessage, ModelResponse, SystemBlock } from '../../providers/types.js';
import { ProviderError } from '../errors/index.js';
import type { Persona } from '../personas/schema.js';
import { appendLedger } from '../../providers/ledger.js';
import { trackDirectory, trackTotals } from '../tracks/ledger.js';
import { collectArtifacts } from './artifacts.js';
import { assertWithinBudget, estimateCall } from './budget.js';
import type { LookupTool } from './deps.js';
import type { TrackSession } from './session.js';

/** The byte-stable system prefix: persona prompt, then the constraint files when the persona sees them. */
export function systemPrefix(session: TrackSession, persona: Persona): SystemBlock[] {
  const blocks: SystemBlock[] = [{ text: persona.prompt, cache: true }];
  if (persona.sees.includes('constraints')) {
    const { context, codingStyle, tagging } = session.constraints.documents;
    blocks.push({ text: `# Project constraints\n\n${context}\n\n${codingStyle}\n\n${tagging}`, cache: true });
  }
  return blocks;
}

/** The one user message: the instruction, then each allowed artifact under its own heading. */
export async function userMessage(
  session: TrackSession,
  persona: Persona,
  instruction: string,
): Promise<string> {
  const artifacts = await collectArtifacts(session, persona);
  return [
    `# Task\n\n${instruction}`,
    ...artifacts.map((artifact) => `# ${artifact.title}\n\n${artifact.content}`),
  ].join('\n\n');
}

/**
 * One isolated persona call: a fresh request holding only the prefix and the allowed artifacts.
 * Checks the budget first, records usage in the ledger after every model round, and runs the
 * lookup tools (bounded rounds) when they are offered.
 */
export async function callPersona<T>(
  session: TrackSession,
  persona: Persona,
  options: {
    step: string;
    instruction: string;
    output: { name: string; schema: z.ZodType<T> };
    tools?: LookupTool[];
  },
): Promise<T> {
  const { deps, meta } = session;
  const client = deps.modelFor(persona);
  const system = systemPrefix(session, persona);
  const messages: ChatMessage[] = [
    { role: 'user', content: await userMessage(session, persona, options.instruction) },
  ];
  const tools = options.tools ?? [];
  for (let round = 0; ; round += 1) {
    const offerTools = tools.length > 0 && round < deps.maxToolRounds;
    const characters =
      system.reduce((sum, block) => sum + block.text.length, 0) + JSON.stringify(messages).length;
    const ledger = await trackTotals(deps.projectRoot, meta.track);
    const price = (inputTokens: number, outputTokens: number) =>
      deps.priceOf({
        inputTokens,
        outputTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        model: client.modelId,
        provider: client.provider,
        latencyMs: 0,
      });
    assertWithinBudget(meta.budget, ledger, estimateCall(characters, ledger, price), persona.id);
    deps.progress(`${persona.title} is working${round ? ` (tool round ${round})` : ''}...`);
    const response: ModelResponse<T> = await client.generate<T>({
      persona: persona.id,
      system,
      messages,
      output: options.output,
      tools: offerTools ? tools.map((tool) => tool.definition) : undefined,
      signal: deps.signal,
    });
    await appendLedger(trackDirectory(deps.projectRoot, meta.track), {
      usage: response.usage,
      persona: persona.id,
      step: options.step,
      at: deps.now(),
    });
    if (offerTools && response.toolCalls.length > 0) {
      messages.push({ role: 'assistant', content: response.toolCalls });
      messages.push({
        role: 'user',
        content: await Promise.all(response.toolCalls.map((call) => runTool(tools, call))),
      });
      continue;
    }
    if (response.data === undefined) {
      throw new ProviderError(`${persona.title} returned no ${options.output.name} answer`, {
        kind: 'invalid_json',
        rawText: response.text,
      });
    }
    return response.data;
  }
}

async function runTool(tools: LookupTool[], call: { id: string; name: string; input: unknown }) {
  const tool = tools.find((candidate) => candidate.definition.name === call.name);
  if (!tool)
    return {
      type: 'tool_result' as const,
      toolCallId: call.id,
      content: `unknown tool ${call.name}`,
      isError: true,
    };
  try {
    return { type: 'tool_result' as const, toolCallId: call.id, content: await tool.run(call.input) };
  } catch (error) {
    return {
      type: 'tool_result' as const,
      toolCallId: call.id,
      content: error instanceof Error ? error.message : String(error),
      isError: true,
    };
  }
}

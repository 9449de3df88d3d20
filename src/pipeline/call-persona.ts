import type { z } from 'zod';
import type { ChatMessage, ModelResponse, SystemBlock, ToolDefinition } from '../../providers/types.js';
import { BlockedError, ProviderError } from '../errors/index.js';
import { holdsSecret } from '../secrets/redact.js';
import type { Persona } from '../personas/schema.js';
import { appendLedger } from '../../providers/ledger.js';
import { trackDirectory, trackTotals } from '../tracks/ledger.js';
import { collectArtifacts } from './artifacts.js';
import { assertWithinBudget, estimateCall } from './budget.js';
import type { LookupTool } from './deps.js';
import type { TrackSession } from './session.js';

/** The byte-stable system prefix: persona prompt, then the constraint files when the persona sees them. */
export function systemPrefix(session: TrackSession, persona: Persona): SystemBlock[] {
  return personaSystemPrefix(persona, session.constraints.documents);
}

/** The same byte-stable prefix from the constraint documents alone (used outside a track, e.g. `review --with-model`). */
export function personaSystemPrefix(
  persona: Persona,
  documents: { context: string; codingStyle: string; tagging: string },
): SystemBlock[] {
  const blocks: SystemBlock[] = [{ text: persona.prompt, cache: true }];
  if (persona.sees.includes('constraints')) {
    const { context, codingStyle, tagging } = documents;
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
 * With lookup tools, the persona first works freely with the tools (bounded rounds, no forced
 * output, so it can call them), then gives its structured answer in a final turn. The budget is
 * checked before every model call and every call is recorded in the ledger.
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
  const system = systemPrefix(session, persona);
  const messages: ChatMessage[] = [
    { role: 'user', content: await userMessage(session, persona, options.instruction) },
  ];
  const tools = options.tools ?? [];
  if (tools.length > 0) {
    for (let round = 1; round <= session.deps.maxToolRounds; round += 1) {
      const response = await generateOnce(session, persona, options.step, {
        system,
        messages,
        tools: tools.map((tool) => tool.definition),
      });
      if (response.toolCalls.length === 0) {
        if (response.text.trim()) messages.push({ role: 'assistant', content: response.text });
        break;
      }
      messages.push({ role: 'assistant', content: response.toolCalls });
      messages.push({
        role: 'user',
        content: await Promise.all(response.toolCalls.map((call) => runTool(tools, call))),
      });
    }
    appendUserText(messages, `Now give your final answer as the ${options.output.name} structured output.`);
  }
  const response = await generateOnce(session, persona, options.step, {
    system,
    messages,
    output: options.output,
  });
  if (response.data === undefined) {
    throw new ProviderError(`${persona.title} returned no ${options.output.name} answer`, {
      kind: 'invalid_json',
      rawText: response.text,
    });
  }
  return response.data;
}

/** Adds text to the conversation as the user, merging into a trailing user turn (tool results). */
function appendUserText(messages: ChatMessage[], text: string): void {
  const last = messages[messages.length - 1];
  if (last.role === 'user' && Array.isArray(last.content)) last.content.push({ type: 'text', text });
  else messages.push({ role: 'user', content: text });
}

/** One model call: budget check first, ledger entry after. */
async function generateOnce<T>(
  session: TrackSession,
  persona: Persona,
  step: string,
  request: {
    system: SystemBlock[];
    messages: ChatMessage[];
    output?: { name: string; schema: z.ZodType<T> };
    tools?: ToolDefinition[];
  },
): Promise<ModelResponse<T>> {
  const { deps, meta } = session;
  const client = deps.modelFor(persona);
  const characters =
    request.system.reduce((sum, block) => sum + block.text.length, 0) +
    JSON.stringify(request.messages).length;
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
  const response = await client.generate<T>({
    persona: persona.id,
    ...request,
    messages: [...request.messages],
    signal: deps.signal,
  });
  await appendLedger(trackDirectory(deps.projectRoot, meta.track), {
    usage: response.usage,
    persona: persona.id,
    step,
    at: deps.now(),
  });
  if (holdsSecret(JSON.stringify([response.text, response.data, response.toolCalls]))) {
    throw new BlockedError(
      `${persona.title}'s answer holds your API key (or 12 or more of its characters, or its base64): refused, nothing of it was written`,
      {
        hint: 'The endpoint echoes the credentials it receives. Check the base URL (INFRAKIT_BASE_URL, --base-url), rotate the key if the endpoint is not yours, then run infrakit resume <track>.',
      },
    );
  }
  return response;
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

import {
  MODEL_CLIENT_SPEC_VERSION,
  type ModelClient,
  type ModelRequest,
  type ModelResponse,
  type Usage,
} from '../../providers/types.js';
import { ProviderError } from '../errors/index.js';
import type { Persona } from '../personas/schema.js';
import { describeIssues } from '../../providers/structured-output.js';
import type { StepDesk } from './step-desk.js';
import { stepIdFor } from './step-desk.js';
import { ANSWER_KINDS } from './step-book.js';

/** The provider name the ledger records for answers given by the coding agent that drives the track. */
export const HOST_AGENT_PROVIDER = 'host-agent';

const usageOf = (answeredBy: string): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  model: answeredBy,
  provider: HOST_AGENT_PROVIDER,
  latencyMs: 0,
});

const textOf = (content: ModelRequest['messages'][number]['content']): string =>
  typeof content === 'string'
    ? content
    : content.map((part) => (part.type === 'text' ? part.text : JSON.stringify(part))).join('\n\n');

/**
 * A ModelClient whose model is the coding agent outside: instead of calling an API, a persona
 * call looks for the agent's answer to this exact prompt and parks the request as a pending step
 * when there is none. The prompt is the one call-persona.ts built for the API path, unchanged.
 */
export function createHostAgentClient(desk: StepDesk, persona: Persona): ModelClient {
  return {
    specificationVersion: MODEL_CLIENT_SPEC_VERSION,
    provider: HOST_AGENT_PROVIDER,
    modelId: 'host agent',
    async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
      // A tool round (no structured output asked): the agent has the lookups as MCP tools itself.
      if (!request.output)
        return { text: '', toolCalls: [], stopReason: 'end', usage: usageOf('host agent') };
      const kind = request.output.name as (typeof ANSWER_KINDS)[number];
      const system = request.system.map((block) => block.text);
      const prompt = request.messages.map((message) => textOf(message.content)).join('\n\n');
      const id = stepIdFor(persona.id, { system, prompt, output: kind });
      const task = stepIdFor(persona.id, { system, task: taskOf(prompt), output: kind });
      const stored = await desk.take(id, task, persona.id);
      if (stored) {
        const parsed = request.output.schema.safeParse(stored.data);
        // Checked when it was submitted; a file changed on disk since is refused, never half-used.
        if (!parsed.success)
          throw new ProviderError(
            `the stored answer of step ${id} no longer matches the ${kind} schema: ${describeIssues(parsed.error.issues)}`,
            { kind: 'invalid_answer' },
          );
        return {
          text: JSON.stringify(parsed.data),
          data: parsed.data,
          toolCalls: [],
          stopReason: 'end',
          usage: usageOf(stored.answeredBy),
        };
      }
      return desk.park(
        {
          id,
          kind: 'persona',
          persona: persona.id,
          title: `${persona.title}: ${STEP_TITLES[kind] ?? kind}`,
          output: ANSWER_KINDS.includes(kind) ? kind : 'clarify',
          task,
          system,
          prompt,
        },
        request.signal,
      );
    },
  };
}

/** The `# Task` section of a persona's user message (call-persona.ts puts it first). */
const taskOf = (prompt: string): string => prompt.split(/\n\n# /)[0];

const STEP_TITLES: Partial<Record<(typeof ANSWER_KINDS)[number], string>> = {
  clarify: 'one clarifying question or the finished spec',
  review: 'review of the spec',
  plan: 'plan and tasks',
  code: 'code',
};

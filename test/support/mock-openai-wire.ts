import { chunks, type AnswerPlan } from './mock-answer-plan.js';

/** OpenAI Chat Completions wire shapes: https://platform.openai.com/docs/api-reference/chat */
const FINISH_REASON = { end: 'stop', max_tokens: 'length', tool_use: 'tool_calls' } as const;

function textOf(plan: AnswerPlan): string | null {
  const texts = plan.blocks.flatMap((block) => (block.type === 'text' ? [block.text] : []));
  return texts.length === 0 ? null : texts.join('');
}

function toolCallsOf(plan: AnswerPlan) {
  return plan.blocks.flatMap((block) =>
    block.type === 'tool_use'
      ? [{ id: block.id, type: 'function', function: { name: block.name, arguments: block.inputJson } }]
      : [],
  );
}

function usageOf(plan: AnswerPlan) {
  // OpenAI counts cached tokens inside prompt_tokens.
  const prompt = plan.usage.inputTokens + plan.usage.cacheReadTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: plan.usage.outputTokens,
    total_tokens: prompt + plan.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: plan.usage.cacheReadTokens },
  };
}

/** The non-streaming `chat.completion` object. */
export function openaiCompletion(plan: AnswerPlan, id: string, model: string, created: number): unknown {
  const toolCalls = toolCallsOf(plan);
  const message: Record<string, unknown> = { role: 'assistant', content: textOf(plan), refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message, finish_reason: FINISH_REASON[plan.stopReason], logprobs: null }],
    usage: usageOf(plan),
  };
}

/** One SSE data frame. */
export function dataFrame(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** The streamed `chat.completion.chunk` frames, ending with `[DONE]`. */
export function openaiStreamFrames(
  plan: AnswerPlan,
  id: string,
  model: string,
  created: number,
  includeUsage: boolean,
): string[] {
  const chunk = (delta: unknown, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  });
  const frames = [dataFrame(chunk({ role: 'assistant', content: '' }))];
  for (const piece of chunks(textOf(plan) ?? '')) frames.push(dataFrame(chunk({ content: piece })));
  toolCallsOf(plan).forEach((call, index) => {
    frames.push(
      dataFrame(
        chunk({
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
          ],
        }),
      ),
    );
    for (const piece of chunks(call.function.arguments, 16)) {
      frames.push(dataFrame(chunk({ tool_calls: [{ index, function: { arguments: piece } }] })));
    }
  });
  frames.push(dataFrame(chunk({}, FINISH_REASON[plan.stopReason])));
  if (includeUsage)
    frames.push(
      dataFrame({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageOf(plan) }),
    );
  frames.push(dataFrame('[DONE]'));
  return frames;
}

/** The OpenAI error body: {error: {message, type, code}}. */
export function openaiError(type: string, message: string): unknown {
  return { error: { message, type, param: null, code: type } };
}

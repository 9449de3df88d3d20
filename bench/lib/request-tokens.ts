/**
 * Input-token counts of recorded Anthropic Messages requests, with the mock server's approximation
 * (one token per four characters, rounded up per part). The same function counts the pipeline's
 * isolated calls and the growing-conversation baseline, so the ratio does not depend on the
 * approximation's bias.
 */

/** Token counts of one request body. */
export interface RequestTokens {
  /** Everything the model reads: system, messages, tool definitions. */
  input: number;
  /** The part a prompt cache could serve: the marked system prefix, or the conversation before the newest turn. */
  cacheEligible: number;
}

/** ceil(characters / 4), the mock server's estimate. */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The text of a message's content, whether a string or a list of blocks. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: Record<string, unknown>) => {
      if (typeof block.text === 'string') return block.text;
      if (block.type === 'tool_use') return JSON.stringify(block.input);
      if (block.type === 'tool_result') return contentText(block.content);
      return '';
    })
    .join('\n');
}

interface AnthropicBody {
  system?: string | Array<{ text?: string; cache_control?: unknown }>;
  messages?: Array<{ role: string; content: unknown }>;
  tools?: unknown[];
}

/**
 * Counts one Anthropic request. `prefix` says what is cache-eligible: `marked` (system blocks up
 * to the last cache_control, how the pipeline's isolated calls work) or `conversation` (all but
 * the newest user turn, how an agent re-sending one growing conversation is cached).
 */
export function countRequestTokens(body: AnthropicBody, prefix: 'marked' | 'conversation'): RequestTokens {
  const system = typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []);
  const messages = body.messages ?? [];
  const systemTokens = system.map((block) => approximateTokens(block.text ?? ''));
  const messageTokens = messages.map((message) => approximateTokens(contentText(message.content)));
  const toolTokens = body.tools && body.tools.length > 0 ? approximateTokens(JSON.stringify(body.tools)) : 0;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const input = sum(systemTokens) + sum(messageTokens) + toolTokens;
  if (prefix === 'marked') {
    const lastMarked = system
      .map((block) => 'cache_control' in block && block.cache_control !== undefined)
      .lastIndexOf(true);
    return { input, cacheEligible: sum(systemTokens.slice(0, lastMarked + 1)) };
  }
  return { input, cacheEligible: toolTokens + sum(systemTokens) + sum(messageTokens.slice(0, -1)) };
}

/** Sums a list of counts. */
export function totalTokens(counts: readonly RequestTokens[]): RequestTokens {
  return counts.reduce(
    (total, count) => ({
      input: total.input + count.input,
      cacheEligible: total.cacheEligible + count.cacheEligible,
    }),
    {
      input: 0,
      cacheEligible: 0,
    },
  );
}

/**
 * The new text a phase adds to a growing conversation: its lines that the conversation does not
 * already hold. Dropping repeated lines favours the baseline (it never pays twice for the
 * constraints, the persona prompt or the spec), so the measured ratio is conservative.
 */
export function newLines(text: string, seen: Set<string>): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const key = line.trim();
    if (key !== '' && seen.has(key)) continue;
    if (key !== '') seen.add(key);
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

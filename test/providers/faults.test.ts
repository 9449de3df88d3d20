import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAnthropicClient } from '../../providers/anthropic/anthropic-client.js';
import { createOpenAIClient } from '../../providers/openai/openai-client.js';
import type { ModelClient, ModelRequest } from '../../providers/types.js';
import { testAdapterSettings } from '../support/adapter-settings.js';
import type { MockFault } from '../support/mock-model-server.js';
import { useMockModelServer } from './support/use-mock-model-server.js';

const mock = useMockModelServer();

const clients: Array<[string, (timeoutMs?: number) => ModelClient]> = [
  [
    'anthropic',
    (timeoutMs = 2_000) =>
      createAnthropicClient(testAdapterSettings(mock().anthropicBaseUrl, { timeoutMs, maxRetries: 1 })),
  ],
  [
    'openai',
    (timeoutMs = 2_000) =>
      createOpenAIClient(
        testAdapterSettings(mock().openaiBaseUrl, { model: 'gpt-4.1', timeoutMs, maxRetries: 1 }),
      ),
  ],
];
const answer = z.object({ answer: z.string() });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Record<string, unknown>,
  );

describe.each(clients)('%s: faults', (_name, make) => {
  const request = (streaming: boolean, structured = false): ModelRequest => ({
    persona: 'architect',
    system: [{ text: 'persona', cache: true }],
    messages: [{ role: 'user', content: 'go' }],
    onText: streaming ? () => {} : undefined,
    output: structured ? { name: 'answer', schema: answer } : undefined,
  });

  // The SDK retries these itself; maxRetries 1 means two HTTP attempts.
  it.each<[MockFault['fault'], string, number]>([
    ['rate_limit', 'rate_limit', 429],
    ['server_error', 'server_error', 500],
    ['overloaded', 'overloaded', 529],
  ])(
    'survives one %s through the SDK retry, and fails typed when it persists',
    async (fault, kind, status) => {
      mock().script([{ reply: { fault }, times: 1 }, { reply: { text: 'recovered' } }]);
      const survived = await make().generate(request(false));
      expect(survived.text).toBe('recovered');
      expect(survived.usage.attempts).toBe(2);
      expect(mock().requests).toHaveLength(2);

      mock().script([{ reply: { fault } }]);
      const failure = await failureOf(make().generate(request(false)));
      expect(failure).toMatchObject({ name: 'ProviderError', kind, statusCode: status, attempts: 2 });
    },
  );

  it('times out a hanging server with the typed timeout error', async () => {
    mock().script([{ reply: { fault: 'hang' } }]);
    const failure = await failureOf(make(300).generate(request(false)));
    expect(failure).toMatchObject({ name: 'ProviderError', kind: 'timeout', attempts: 2 });
  });

  it.each<[MockFault['fault'], string, boolean, boolean]>([
    ['sse_error', 'stream_error', true, false],
    ['drop', 'stream_dropped', true, false],
    ['drop', 'stream_dropped', false, false],
    ['truncated_json', 'invalid_json', false, true],
    ['truncated_json', 'invalid_json', true, true],
    ['max_tokens', 'max_tokens', false, false],
  ])('retries %s (kind %s, streaming %s) and then succeeds', async (fault, _kind, streaming, structured) => {
    const good = structured ? { json: { answer: 'whole' } } : { text: 'whole answer' };
    mock().script([{ reply: { fault }, times: 1 }, { reply: good }]);
    const result = await make().generate(request(streaming, structured));
    expect(structured ? result.data : result.text).toEqual(structured ? { answer: 'whole' } : 'whole answer');
    expect(result.usage.attempts).toBe(2);
  });

  it.each<[MockFault['fault'], string, boolean, boolean]>([
    ['sse_error', 'stream_error', true, false],
    ['drop', 'stream_dropped', true, false],
    ['truncated_json', 'invalid_json', true, true],
    ['max_tokens', 'max_tokens', false, false],
  ])(
    'gives up on a persistent %s with ProviderError kind %s after 3 attempts',
    async (fault, kind, streaming, structured) => {
      mock().script([{ reply: { fault } }]);
      const failure = await failureOf(make().generate(request(streaming, structured)));
      expect(failure).toMatchObject({ name: 'ProviderError', kind, attempts: 3, exitCode: 6 });
      expect(mock().requests).toHaveLength(3);
      if (kind === 'invalid_json' || kind === 'max_tokens')
        expect(String(failure?.rawText)).toContain('cut off');
    },
  );

  it('doubles the token budget after a max_tokens stop', async () => {
    mock().script([{ reply: { fault: 'max_tokens' }, times: 1 }, { reply: { text: 'done' } }]);
    await make().generate({ ...request(false), maxTokens: 100 });
    const budgets = mock().requests.map((sent) => sent.body.max_tokens ?? sent.body.max_completion_tokens);
    expect(budgets).toEqual([100, 200]);
  });

  it('aborts an in-flight call through the AbortSignal and never retries it', async () => {
    mock().script([{ reply: { fault: 'hang' } }]);
    const controller = new AbortController();
    const pending = failureOf(make(10_000).generate({ ...request(true), signal: controller.signal }));
    while (mock().requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const failure = await pending;
    expect(failure).toMatchObject({ name: 'ProviderError', kind: 'aborted' });
    expect(mock().requests).toHaveLength(1);
  });
});

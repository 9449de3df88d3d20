import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleClient } from '../../providers/openai-compatible/openai-compatible-client.js';
import { testAdapterSettings } from '../support/adapter-settings.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';

let mock: MockModelServer;
beforeAll(async () => {
  mock = await startMockModelServer({ script: [{ reply: { text: 'local answer' } }] });
});
afterAll(async () => {
  await mock.close();
});

describe('openai-compatible adapter', () => {
  it('sends a dummy key and max_tokens when no key is configured', async () => {
    const client = createOpenAICompatibleClient(
      testAdapterSettings(mock.openaiBaseUrl, { model: 'llama3.1', apiKey: undefined }),
    );
    const answer = await client.generate({
      persona: 'architect',
      system: [],
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 321,
    });
    expect(answer.text).toBe('local answer');
    expect(answer.usage.provider).toBe('openai-compatible');
    const sent = mock.requests.at(-1);
    expect(sent?.headers.authorization).toBe('Bearer not-needed');
    expect(sent?.body.max_tokens).toBe(321);
    expect(sent?.body.max_completion_tokens).toBeUndefined();
  });

  it('refuses a base URL without /v1 and suggests the fixed one', () => {
    expect(() => createOpenAICompatibleClient(testAdapterSettings(mock.url, { model: 'llama3.1' }))).toThrow(
      /must include \/v1/,
    );
    try {
      createOpenAICompatibleClient(testAdapterSettings(mock.url, { model: 'llama3.1' }));
    } catch (error) {
      expect((error as { hint: string }).hint).toContain(`${mock.url}/v1`);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ClientBridge } from '../../src/mcp/client-bridge.js';
import { createSamplingClient, unfenced } from '../../src/mcp/sampling-client.js';

/** A bridge whose client model answers each request with the next text of `answers`. */
function bridgeAnswering(answers: Array<string | Error>) {
  const requests: Array<Parameters<ClientBridge['createMessage']>[0]> = [];
  const bridge: ClientBridge = {
    canSample: () => true,
    canElicit: () => false,
    createMessage: async (params) => {
      requests.push(params);
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return { model: 'client-model', role: 'assistant', content: { type: 'text', text: next ?? '' } };
    },
    elicitInput: async () => ({ action: 'cancel' }),
  };
  return { bridge, requests };
}

const output = { name: 'review', schema: z.object({ verdict: z.enum(['APPROVE', 'REJECT']) }) };
const request = {
  persona: 'architect',
  system: [{ text: 'You are the Cloud Architect.' }],
  messages: [{ role: 'user' as const, content: '# Task\n\nReview the spec.' }],
  output,
};

describe('the sampling ModelClient', () => {
  it('sends one request with the persona system prompt, the answer format and no client context', async () => {
    const { bridge, requests } = bridgeAnswering(['```json\n{"verdict": "APPROVE"}\n```']);
    const response = await createSamplingClient(bridge).generate(request);
    expect(response.data).toEqual({ verdict: 'APPROVE' });
    expect(response.usage).toMatchObject({ provider: 'mcp-sampling', model: 'client-model' });
    expect(requests).toHaveLength(1);
    expect(requests[0].includeContext).toBe('none');
    expect(requests[0].systemPrompt?.startsWith('You are the Cloud Architect.\n\n# Answer format')).toBe(
      true,
    );
    expect(requests[0].systemPrompt).toContain('"enum":["APPROVE","REJECT"]');
    expect(requests[0].messages).toEqual([
      { role: 'user', content: { type: 'text', text: '# Task\n\nReview the spec.' } },
    ]);
  });

  it('a wrong answer gets one repair turn with the problems; a second wrong one is an error', async () => {
    const { bridge, requests } = bridgeAnswering(['{"verdict": "MAYBE"}', '{"verdict": "REJECT"}']);
    expect((await createSamplingClient(bridge).generate(request)).data).toEqual({ verdict: 'REJECT' });
    expect(requests[1].messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(requests[1].messages[2])).toContain('verdict');
    const failing = bridgeAnswering(['{"verdict": 1}', '{"verdict": 2}']);
    await expect(createSamplingClient(failing.bridge).generate(request)).rejects.toThrow(
      'still does not match the "review" schema after one repair turn',
    );
  });

  it('a refused sampling request is a ProviderError naming the persona and the way out', async () => {
    const { bridge } = bridgeAnswering([new Error('User rejected sampling request')]);
    await expect(createSamplingClient(bridge).generate(request)).rejects.toMatchObject({
      kind: 'sampling_refused',
      message: expect.stringContaining('did not answer the architect sampling request: User rejected'),
      hint: expect.stringContaining('track_start'),
    });
  });

  it('takes the JSON out of one fence, and leaves other text alone', () => {
    expect(unfenced('```\n{"a": 1}\n```')).toBe('{"a": 1}');
    expect(unfenced('  {"a": 1}\n')).toBe('{"a": 1}');
    expect(unfenced('text ```json\n{}\n```')).toBe('text ```json\n{}\n```');
  });
});

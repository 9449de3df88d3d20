import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAnthropicClient } from '../../providers/anthropic/anthropic-client.js';
import { createOpenAIClient } from '../../providers/openai/openai-client.js';
import { createOpenAICompatibleClient } from '../../providers/openai-compatible/openai-compatible-client.js';
import type { ModelClient } from '../../providers/types.js';
import { testAdapterSettings } from '../support/adapter-settings.js';
import { useMockModelServer } from './support/use-mock-model-server.js';

const mock = useMockModelServer();

const verdict = z.object({
  verdict: z.enum(['approve', 'revise']),
  findings: z.array(z.string()),
  note: z.string().optional(),
});

const adapters: Array<[string, () => ModelClient]> = [
  ['anthropic', () => createAnthropicClient(testAdapterSettings(mock().anthropicBaseUrl))],
  ['openai', () => createOpenAIClient(testAdapterSettings(mock().openaiBaseUrl, { model: 'gpt-4.1' }))],
  [
    'openai-compatible',
    () =>
      createOpenAICompatibleClient(
        testAdapterSettings(mock().openaiBaseUrl, { model: 'llama3.1', apiKey: undefined }),
      ),
  ],
];

describe.each(adapters)('%s adapter against the mock', (name, make) => {
  const api = name === 'anthropic' ? 'anthropic' : 'openai';

  it('answers plain text and sends the persona header', async () => {
    mock().script([
      {
        match: { persona: 'architect', path: api },
        reply: { text: 'plain answer', usage: { inputTokens: 11, outputTokens: 7 } },
      },
    ]);
    const answer = await make().generate({
      persona: 'architect',
      system: [{ text: 'You are an architect.' }],
      messages: [{ role: 'user', content: 'review' }],
    });
    expect(answer.text).toBe('plain answer');
    expect(answer.stopReason).toBe('end');
    expect(answer.usage).toMatchObject({ inputTokens: 11, outputTokens: 7, provider: name, attempts: 1 });
    expect(answer.usage.requestId).toMatch(/^req_mock_/);
    expect(mock().requests[0].persona).toBe('architect');
  });

  it('streams text deltas through onText', async () => {
    mock().script([{ reply: { text: 'a streamed answer of several chunks' } }]);
    const deltas: string[] = [];
    const answer = await make().generate({
      persona: 'se',
      system: [],
      messages: [{ role: 'user', content: 'go' }],
      onText: (delta) => deltas.push(delta),
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('a streamed answer of several chunks');
    expect(answer.text).toBe('a streamed answer of several chunks');
    expect(mock().requests[0].stream).toBe(true);
  });

  it.each([false, true])('returns validated structured output (streaming %s)', async (streaming) => {
    mock().script([{ reply: { json: { verdict: 'approve', findings: ['ok'] } } }]);
    const answer = await make().generate({
      persona: 'architect',
      system: [{ text: 'persona', cache: true }],
      messages: [{ role: 'user', content: 'review' }],
      output: { name: 'architect_review', schema: verdict },
      onText: streaming ? () => {} : undefined,
    });
    expect(answer.data).toEqual({ verdict: 'approve', findings: ['ok'] });
    expect(answer.stopReason).toBe('end');
    const body = mock().requests[0].body;
    if (api === 'anthropic') {
      expect(body.tool_choice).toEqual({ type: 'tool', name: 'architect_review' });
      expect(body.system[0].cache_control).toEqual({ type: 'ephemeral' });
    } else {
      expect(body.response_format.type).toBe('json_schema');
      expect(body.response_format.json_schema.strict).toBe(true);
      expect(body.response_format.json_schema.schema.required).toEqual(['verdict', 'findings', 'note']);
      expect(body.response_format.json_schema.schema.additionalProperties).toBe(false);
    }
  });

  it('makes one repair turn showing the validation error, then succeeds', async () => {
    mock().script([
      { reply: { json: { verdict: 'maybe', findings: [] } }, times: 1 },
      { reply: { json: { verdict: 'revise', findings: ['x'] } } },
    ]);
    const answer = await make().generate({
      persona: 'architect',
      system: [],
      messages: [{ role: 'user', content: 'review' }],
      output: { name: 'review', schema: verdict },
    });
    expect(answer.data?.verdict).toBe('revise');
    expect(mock().requests).toHaveLength(2);
    expect(JSON.stringify(mock().requests[1].body.messages)).toContain('verdict');
    expect(JSON.stringify(mock().requests[1].body.messages)).toContain(
      'did not match the required JSON schema',
    );
    expect(answer.usage.attempts).toBe(2);
  });

  it('fails with schema_invalid carrying the raw text when the repair also fails', async () => {
    mock().script([{ reply: { json: { verdict: 'maybe', findings: [] } } }]);
    const failure = await make()
      .generate({
        persona: 'architect',
        system: [],
        messages: [{ role: 'user', content: 'review' }],
        output: { name: 'review', schema: verdict },
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ProviderError', kind: 'schema_invalid', attempts: 2 });
    expect((failure as { rawText: string }).rawText).toContain('"maybe"');
  });

  it('returns tool calls the model made', async () => {
    mock().script([
      {
        reply: { toolCalls: [{ name: 'lookup_field', input: { kind: 'Table', path: 'spec.forProvider' } }] },
      },
    ]);
    const answer = await make().generate({
      persona: 'iac-engineer',
      system: [],
      messages: [{ role: 'user', content: 'write' }],
      tools: [
        {
          name: 'lookup_field',
          description: 'Looks up a field',
          parameters: z.object({ kind: z.string(), path: z.string() }),
        },
      ],
    });
    expect(answer.stopReason).toBe('tool_use');
    expect(answer.toolCalls).toEqual([
      {
        type: 'tool_call',
        id: expect.any(String),
        name: 'lookup_field',
        input: { kind: 'Table', path: 'spec.forProvider' },
      },
    ]);
  });

  it('reports cache read and write tokens', async () => {
    mock().script([{ reply: { text: 'ok' } }]);
    const client = make();
    const request = {
      persona: 'architect',
      system: [{ text: 'stable prefix '.repeat(40), cache: true }],
      messages: [{ role: 'user' as const, content: 'hi' }],
    };
    const first = await client.generate(request);
    const second = await client.generate(request);
    if (api === 'anthropic') {
      expect(first.usage.cacheWriteTokens).toBe(140);
      expect(second.usage.cacheReadTokens).toBe(140);
    } else {
      mock().script([{ reply: { text: 'ok', usage: { inputTokens: 10, cacheReadTokens: 90 } } }]);
      const cached = await client.generate(request);
      expect(cached.usage).toMatchObject({ inputTokens: 10, cacheReadTokens: 90 });
    }
  });
});

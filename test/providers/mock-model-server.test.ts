import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';

let mock: MockModelServer;
beforeEach(async () => {
  mock = await startMockModelServer();
});
afterEach(async () => {
  await mock.close();
});

const anthropic = () =>
  new Anthropic({
    apiKey: 'test-key',
    baseURL: mock.anthropicBaseUrl,
    maxRetries: 0,
    defaultHeaders: { 'x-infrakit-persona': 'architect' },
  });
const openai = () =>
  new OpenAI({
    apiKey: 'test-key',
    baseURL: mock.openaiBaseUrl,
    maxRetries: 0,
    defaultHeaders: { 'x-infrakit-persona': 'architect' },
  });

describe('mock model server, raw SDKs', () => {
  it('answers an Anthropic request and records it with the persona', async () => {
    mock.script([{ match: { persona: 'architect' }, reply: { text: 'hello there' } }]);
    const message = await anthropic().messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'abcd'.repeat(10),
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'hello there' }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(mock.requests[0].persona).toBe('architect');
    expect(mock.requests[0].body.model).toBe('claude-sonnet-4-5');
  });

  it('streams Anthropic tool use with input_json_delta', async () => {
    mock.script([{ reply: { json: { verdict: 'approve' } } }]);
    const stream = await anthropic().messages.create({
      model: 'm',
      max_tokens: 100,
      stream: true,
      tools: [{ name: 'answer', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'answer' },
      messages: [{ role: 'user', content: 'hi' }],
    });
    let json = '';
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta')
        json += event.delta.partial_json;
    }
    expect(JSON.parse(json)).toEqual({ verdict: 'approve' });
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
  });

  it('uses the SDK stream helper end to end', async () => {
    mock.script([{ reply: { text: 'streamed words here' } }]);
    const final = await anthropic()
      .messages.stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'streamed words here' });
  });

  it('answers OpenAI plain, streaming and tool calls', async () => {
    mock.script([
      { reply: { text: 'plain' }, times: 1 },
      { reply: { text: 'streamed text' }, times: 1 },
      { reply: { toolCalls: [{ name: 'lookup', input: { kind: 'Table' } }] } },
    ]);
    const client = openai();
    const plain = await client.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(plain.choices[0].message.content).toBe('plain');
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('streamed text');
    expect(usage).toBeDefined();
    const tools = await client.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(tools.choices[0].message.tool_calls?.[0]).toMatchObject({
      function: { name: 'lookup', arguments: '{"kind":"Table"}' },
    });
  });

  it('names the persona when no rule matches', async () => {
    mock.script([{ match: { persona: 'somebody-else' }, reply: { text: 'x' } }]);
    await expect(
      anthropic().messages.create({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toThrow(/no scripted rule matched.*architect/);
    expect(mock.requests).toHaveLength(1);
  });

  it('honours times and callIndex', async () => {
    mock.script([
      { reply: (_request, callIndex) => ({ text: `call ${callIndex}` }), times: 2 },
      { reply: { text: 'fallback' } },
    ]);
    const client = openai();
    const texts: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const answer = await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
      });
      texts.push(answer.choices[0].message.content ?? '');
    }
    expect(texts).toEqual(['call 0', 'call 1', 'fallback']);
  });

  it('reports a cache write, then a cache read, for the same cached prefix', async () => {
    mock.script([{ reply: { text: 'ok' } }]);
    const client = anthropic();
    const call = () =>
      client.messages.create({
        model: 'm',
        max_tokens: 10,
        system: [{ type: 'text', text: 'persona '.repeat(50), cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'hi' }],
      });
    const first = await call();
    const second = await call();
    expect(first.usage.cache_creation_input_tokens).toBe(100);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(100);
  });
});

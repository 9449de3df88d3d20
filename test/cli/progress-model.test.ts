import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAnthropicClient } from '../../providers/anthropic/anthropic-client.js';
import { createOpenAIClient } from '../../providers/openai/openai-client.js';
import { parseRecording } from '../../providers/replay/recording-format.js';
import { createReplayClient } from '../../providers/replay/replay-client.js';
import type { ModelClient, StreamEvent } from '../../providers/types.js';
import type { CliIO } from '../../src/cli/io.js';
import { progressBoardFor, withCallProgress } from '../../src/cli/model-progress.js';
import { createProgressBoard } from '../../src/cli/progress.js';
import { testAdapterSettings } from '../support/adapter-settings.js';
import { useMockModelServer } from '../providers/support/use-mock-model-server.js';

const mock = useMockModelServer();
const strip = (text: string) => stripVTControlCharacters(text).replaceAll('\r', '');

const review = z.object({ verdict: z.enum(['APPROVE', 'REJECT']), findings: z.array(z.string()) });
const answer = { verdict: 'APPROVE', findings: ['a finding long enough to arrive in several stream chunks'] };

const sdks: Array<[string, () => ModelClient]> = [
  ['anthropic', () => createAnthropicClient(testAdapterSettings(mock().anthropicBaseUrl))],
  ['openai', () => createOpenAIClient(testAdapterSettings(mock().openaiBaseUrl, { model: 'gpt-4.1' }))],
];

function terminal(isTTY: boolean) {
  const written: string[] = [];
  const ticks: Array<() => void> = [];
  const board = createProgressBoard({
    stream: { isTTY, columns: 100, write: (text: string) => written.push(text) > 0 },
    setInterval: (callback) => ticks.push(callback),
    clearInterval: () => {},
  });
  return { board, written, redraw: () => ticks.forEach((callback) => callback()) };
}

describe.each(sdks)('progress of a %s call through the real SDK against a streaming mock', (name, make) => {
  it('streams a structured answer, showing live tokens on a TTY and the exact count at the end', async () => {
    mock().script([{ reply: { json: answer, usage: { inputTokens: 5_100, outputTokens: 37 } } }]);
    const screen = terminal(true);
    const events: StreamEvent[] = [];
    const live: string[] = [];
    const client = withCallProgress(make(), { title: 'Cloud Architect' }, screen.board);
    const response = await client.generate({
      persona: 'architect',
      system: [{ text: 'persona' }],
      messages: [{ role: 'user', content: 'review' }],
      output: { name: 'review', schema: review },
      onStream: (event) => {
        events.push(event);
        if (event.kind === 'delta') {
          screen.redraw();
          live.push(strip(screen.written.at(-1) ?? ''));
        }
      },
    });
    expect(response.data).toEqual(answer);
    expect(mock().requests[0].stream).toBe(true);
    // Structured answers stream as tool input / content: every delta is counted.
    const characters = events.reduce(
      (sum, event) => sum + (event.kind === 'delta' ? event.characters : 0),
      0,
    );
    expect(characters).toBe(JSON.stringify(answer).length);
    expect(events.filter((event) => event.kind === 'delta').length).toBeGreaterThan(1);
    expect(events.some((event) => event.kind === 'usage' && event.outputTokens === 37)).toBe(true);
    expect(live.at(-1)).toMatch(/Cloud Architect is working · \d+\.\ds · ~\d+ tokens/);
    expect(strip(screen.written.at(-1) ?? '')).toMatch(
      /^✓ Cloud Architect · \d+\.\ds · 37 tokens out, 5\.1k in\n$/,
    );
    expect(name).toBe(response.usage.provider);
  });

  it('writes one plain line per call when not a TTY, and marks a failed call', async () => {
    mock().script([
      { times: 1, reply: { text: 'fine', usage: { inputTokens: 10, outputTokens: 2 } } },
      { reply: { fault: 'server_error' } },
    ]);
    const screen = terminal(false);
    const client = withCallProgress(make(), { title: 'Security Engineer' }, screen.board);
    const request = { persona: 'security', system: [], messages: [{ role: 'user' as const, content: 'go' }] };
    await client.generate(request);
    await expect(client.generate(request)).rejects.toThrow();
    expect(screen.written).toHaveLength(2);
    expect(screen.written[0]).toMatch(/^✓ Security Engineer · \d+\.\ds · 2 tokens out, 10 in\n$/);
    expect(screen.written[1]).toMatch(/^✗ Security Engineer · failed after \d+\.\ds\n$/);
  });
});

describe('progress of a replayed call', () => {
  it('labels the token count as an estimate when the recording reports none', async () => {
    const recording = parseRecording(
      JSON.stringify({ persona: 'architect', response: { text: JSON.stringify(answer), data: answer } }),
      'inline.replay.jsonl',
    );
    const screen = terminal(false);
    const client = withCallProgress(
      createReplayClient(recording),
      { title: 'Cloud Architect' },
      screen.board,
    );
    await client.generate({
      persona: 'architect',
      system: [],
      messages: [{ role: 'user', content: 'review' }],
      output: { name: 'review', schema: review },
    });
    const estimate = Math.ceil(JSON.stringify(answer).length / 4);
    expect(screen.written).toHaveLength(1);
    expect(screen.written[0]).toMatch(
      new RegExp(`^✓ Cloud Architect · \\d+\\.\\ds · ~${estimate} tokens out \\(estimated\\)\\n$`),
    );
  });
});

describe('the board a command uses', () => {
  const io = (json: boolean) => {
    const warnings: string[] = [];
    return { warnings, io: { json, warn: (text: string) => warnings.push(text) } as unknown as CliIO };
  };
  const tty = () => {
    const written: string[] = [];
    const stream = { isTTY: true, columns: 80, write: (text: string) => written.push(text) > 0 };
    return { written, stream: stream as unknown as NodeJS.WriteStream };
  };

  it('with --json on a terminal: no redrawing, the final line through the command IO (stderr)', () => {
    const { warnings, io: json } = io(true);
    const { written, stream } = tty();
    const line = progressBoardFor(json, stream).start('IaC Engineer is working');
    line.stop('✓ IaC Engineer');
    expect(written).toEqual([]);
    expect(warnings).toEqual(['✓ IaC Engineer']);
  });

  it('on a terminal: the live line on the stream, cleared before the final line', () => {
    const { warnings, io: human } = io(false);
    const { written, stream } = tty();
    const line = progressBoardFor(human, stream).start('IaC Engineer is working');
    expect(strip(written.join(''))).toMatch(/^. IaC Engineer is working · \d+\.\ds\n$/);
    line.stop('✓ IaC Engineer');
    expect(written.at(-1)).toBe('\r\u001b[1F\u001b[J');
    expect(warnings).toEqual(['✓ IaC Engineer']);
  });
});

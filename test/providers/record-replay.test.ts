import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import { parseRecording } from '../../providers/replay/recording-format.js';
import { createReplayClient } from '../../providers/replay/replay-client.js';
import type { ModelClientFactory } from '../../providers/factory.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { writeScriptedRecording } from './support/scripted-recording.js';

let mock: MockModelServer;
let root: string;
beforeAll(async () => {
  mock = await startMockModelServer();
  root = await mkdtemp(join(tmpdir(), 'infrakit-replay-'));
});
afterAll(async () => {
  await mock.close();
  await rm(root, { recursive: true, force: true });
});

/** Settings that play back `file`, with no user config. */
const replaySettings = (file: string) =>
  resolveProviderSettings({
    projectDir: root,
    env: {},
    userConfigFile: join(root, 'none.yaml'),
    flags: { replay: file },
  });

const spec = z.object({ title: z.string(), steps: z.array(z.string()) });

async function conversation(factory: ModelClientFactory, wording: string): Promise<string[]> {
  const outputs: string[] = [];
  const engineer = factory('solutions-engineer');
  const architect = factory('architect');
  for (const question of [`${wording} first question?`, `${wording} second question?`]) {
    const answer = await engineer.generate({
      persona: 'solutions-engineer',
      system: [{ text: 'se', cache: true }],
      messages: [{ role: 'user', content: question }],
    });
    outputs.push(answer.text);
  }
  const review = await architect.generate({
    persona: 'architect',
    system: [],
    messages: [{ role: 'user', content: `${wording} review` }],
    output: { name: 'spec', schema: spec },
  });
  outputs.push(review.text, JSON.stringify(review.data));
  return outputs;
}

describe('record and replay', () => {
  it('replays a recorded run byte for byte, matched by persona order even when prompts change', async () => {
    mock.script([
      {
        match: { persona: 'solutions-engineer' },
        reply: (_request, index) => ({ text: `Question ${index + 1}: ünïcode “quotes” and\nnewlines\t✓` }),
      },
      { match: { persona: 'architect' }, reply: { json: { title: 'Keyspace', steps: ['a', 'b'] } } },
    ]);
    const recordFile = join(root, 'run.jsonl');
    const live = await resolveProviderSettings({
      projectDir: root,
      env: { ANTHROPIC_API_KEY: 'sk-ant-live-key-1234' },
      userConfigFile: join(root, 'none.yaml'),
      flags: { record: recordFile },
    });
    const recorded = await conversation(
      createModelClientFactory(
        { ...live, apiKey: live.apiKey, baseUrl: mock.anthropicBaseUrl } as typeof live,
        { retryBaseDelayMs: 0 },
      ),
      'Recorded:',
    );
    const requestsBefore = mock.requests.length;

    const replay = await resolveProviderSettings({
      projectDir: root,
      env: {},
      userConfigFile: join(root, 'none.yaml'),
      flags: { replay: recordFile },
    });
    expect(replay.replay?.scripted).toBe(false);
    const replayed = await conversation(createModelClientFactory(replay), 'Reworded prompts:');
    expect(replayed).toEqual(recorded);
    expect(Buffer.from(replayed.join('\u0000'))).toEqual(Buffer.from(recorded.join('\u0000')));
    expect(mock.requests.length).toBe(requestsBefore);
    expect(await readFile(recordFile, 'utf8')).not.toContain('sk-ant-live-key-1234');
  });

  it('fails with replay_exhausted naming the persona when the recording runs out', async () => {
    const recording = parseRecording(
      JSON.stringify({ type: 'exchange', persona: 'architect', response: { text: 'only one' } }),
      'x.jsonl',
    );
    const client = createReplayClient(recording);
    await client.generate({ persona: 'architect', system: [], messages: [] });
    await expect(client.generate({ persona: 'architect', system: [], messages: [] })).rejects.toMatchObject({
      kind: 'replay_exhausted',
      message: expect.stringContaining('"architect"'),
    });
  });

  it('reads a hand-written scripted conversation and exposes scripted: true', async () => {
    const file = join(root, 'scripted.json');
    await writeScriptedRecording(file, 'Cassandra demo', [
      { persona: 'architect', response: { text: '', data: { title: 'T', steps: [] } } },
    ]);
    const resolved = await replaySettings(file);
    const client = createModelClientFactory(resolved)('architect');
    expect((client as unknown as { scripted: boolean }).scripted).toBe(true);
    const answer = await client.generate({
      persona: 'architect',
      system: [],
      messages: [],
      output: { name: 'spec', schema: spec },
    });
    expect(answer.data).toEqual({ title: 'T', steps: [] });
  });

  it('a later process of the same track (implement after plan) skips to the exchange that fits its schema', async () => {
    const file = join(root, 'two-commands.json');
    await writeScriptedRecording(file, 'plan then implement', [
      { persona: 'architect', response: { text: '', data: { planned: true } } },
      { persona: 'architect', response: { text: 'no lookups' } },
      { persona: 'architect', response: { text: '', data: { title: 'code', steps: ['a'] } } },
    ]);
    const resolved = await replaySettings(file);
    // A fresh process: the cursor starts at 0, the first call is a free-text lookup round.
    const client = createModelClientFactory(resolved)('architect');
    await client.generate({ persona: 'architect', system: [], messages: [] });
    const answer = await client.generate({
      persona: 'architect',
      system: [],
      messages: [],
      output: { name: 'spec', schema: spec },
    });
    expect(answer.data).toEqual({ title: 'code', steps: ['a'] });
    await expect(
      client.generate({
        persona: 'architect',
        system: [],
        messages: [],
        output: { name: 'spec', schema: spec },
      }),
    ).rejects.toThrow(/replay_exhausted|has 3 answer\(s\)/);
  });

  it('names the file and line of an invalid recording', () => {
    expect(() => parseRecording('{"type":"exchange","persona":"a"}\nnot json', 'bad.jsonl')).toThrow(
      /bad\.jsonl is invalid/,
    );
    try {
      parseRecording('{"type":"exchange","persona":"a"}\nnot json', 'bad.jsonl');
    } catch (error) {
      expect((error as { problems: string[] }).problems).toEqual([
        'bad.jsonl:1: response: Invalid input: expected object, received undefined',
        'bad.jsonl:2: not valid JSON',
      ]);
    }
  });
});

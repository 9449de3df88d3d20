import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import { appendLedger, readLedgerTotals } from '../../providers/ledger.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';

const CANARIES = { ANTHROPIC_API_KEY: 'sk-ant-CANARY-123', OPENAI_API_KEY: 'sk-CANARY-openai-4567890123456' };

let mock: MockModelServer;
let root: string;
beforeAll(async () => {
  mock = await startMockModelServer();
  root = await mkdtemp(join(tmpdir(), 'infrakit-canary-'));
});
afterAll(async () => {
  await mock.close();
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
    ),
  );
  return nested.flat();
}

describe('API keys never reach a written file or an error message', () => {
  it.each([
    ['anthropic', () => mock.anthropicBaseUrl],
    ['openai', () => mock.openaiBaseUrl],
  ])('%s: recordings, ledger and errors hold no canary', async (provider, baseUrl) => {
    const track = join(root, provider, 'track');
    const resolved = await resolveProviderSettings({
      projectDir: root,
      env: { ...CANARIES, INFRAKIT_BASE_URL: baseUrl() },
      userConfigFile: join(root, 'missing.yaml'),
      flags: { provider, record: join(track, 'recording.jsonl') },
    });
    const factory = createModelClientFactory(resolved, { retryBaseDelayMs: 0 });
    mock.script([
      // The model itself echoes the key: the recorder must still scrub it.
      {
        match: { contains: 'echo' },
        reply: { text: `your key is ${CANARIES.ANTHROPIC_API_KEY} and ${CANARIES.OPENAI_API_KEY}` },
        times: 1,
      },
      { match: { contains: 'structured' }, reply: { json: { ok: true } } },
      { match: { contains: 'fail' }, reply: { fault: 'server_error' } },
    ]);
    const client = factory('architect');
    const echo = await client.generate({
      persona: 'architect',
      system: [],
      messages: [{ role: 'user', content: 'echo' }],
    });
    await appendLedger(track, { usage: echo.usage, persona: 'architect', step: 'review' });
    const structured = await client.generate({
      persona: 'architect',
      system: [],
      messages: [{ role: 'user', content: 'structured' }],
      output: { name: 'verdict', schema: z.object({ ok: z.boolean() }) },
    });
    await appendLedger(track, { usage: structured.usage, persona: 'architect', step: 'review' });
    const failure = await client
      .generate({ persona: 'architect', system: [], messages: [{ role: 'user', content: 'fail' }] })
      .then(
        () => new Error('expected a failure'),
        (error: unknown) => error as Error,
      );

    expect(failure).toMatchObject({ kind: 'server_error' });
    const sentKeys = mock.requests.map(
      (request) => request.headers['x-api-key'] ?? request.headers.authorization,
    );
    expect(sentKeys.join(' ')).toContain(
      provider === 'anthropic' ? CANARIES.ANTHROPIC_API_KEY : CANARIES.OPENAI_API_KEY,
    );

    const files = await filesUnder(join(root, provider));
    expect(files.map((file) => file.slice(track.length + 1)).sort()).toEqual([
      'ledger.jsonl',
      'recording.jsonl',
    ]);
    for (const file of files) {
      expect((await stat(file)).size).toBeGreaterThan(0);
      const text = await readFile(file, 'utf8');
      for (const canary of Object.values(CANARIES)) expect(text, file).not.toContain(canary);
      expect(text).not.toContain('CANARY');
    }
    expect((await readLedgerTotals(track)).calls).toBe(2);
    const visible = `${failure.message} ${(failure as { hint?: string }).hint ?? ''} ${JSON.stringify(failure)} ${JSON.stringify(resolved)}`;
    expect(visible).not.toContain('CANARY');
    mock.requests.length = 0;
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';

let mock: MockModelServer;
let project: string;
beforeAll(async () => {
  mock = await startMockModelServer({ script: [{ reply: { text: 'ok' } }] });
  project = await mkdtemp(join(tmpdir(), 'infrakit-factory-'));
  await mkdir(join(project, '.infrakit'));
  await writeFile(
    join(project, '.infrakit', 'config.yaml'),
    'provider: anthropic\nmodel: claude-sonnet-4-6\nretryBaseDelayMs: 0\npersonas:\n  solutions-engineer:\n    model: claude-haiku-4-5\n',
  );
});
afterAll(async () => {
  await mock.close();
  await rm(project, { recursive: true, force: true });
});

describe('createModelClientFactory', () => {
  it('routes each persona to its configured model through the configured base URL', async () => {
    const resolved = await resolveProviderSettings({
      projectDir: project,
      env: { ANTHROPIC_API_KEY: 'test-key', INFRAKIT_BASE_URL: mock.anthropicBaseUrl },
      userConfigFile: join(project, 'none.yaml'),
    });
    const factory = createModelClientFactory(resolved);
    const engineer = factory('solutions-engineer');
    const architect = factory('architect');
    expect([engineer.modelId, architect.modelId]).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-6']);
    await engineer.generate({
      persona: 'solutions-engineer',
      system: [],
      messages: [{ role: 'user', content: 'q' }],
    });
    await architect.generate({
      persona: 'architect',
      system: [],
      messages: [{ role: 'user', content: 'r' }],
    });
    expect(mock.requests.map((request) => [request.persona, request.body.model])).toEqual([
      ['solutions-engineer', 'claude-haiku-4-5'],
      ['architect', 'claude-sonnet-4-6'],
    ]);
    // @anthropic-ai/sdk 1.x sends the key as a bearer token.
    expect(mock.requests[0].headers['x-api-key'] ?? mock.requests[0].headers.authorization).toContain(
      'test-key',
    );
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import type { GateResult } from '../../src/gate/types.js';
import { COMMAND_EVENTS, continueRelay, startRelay } from '../../src/pipeline/operations.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject } from './fixture-project.js';
import { MARKERS, relayMockScript } from './mock-script.js';

let mock: MockModelServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function mockDeps(root: string, server: MockModelServer) {
  const resolved = await resolveProviderSettings({
    projectDir: root,
    env: {
      ANTHROPIC_API_KEY: 'test-key',
      INFRAKIT_PROVIDER: 'anthropic',
      INFRAKIT_BASE_URL: server.anthropicBaseUrl,
    },
    userConfigFile: join(root, 'no-user-config.yaml'),
  });
  const factory = createModelClientFactory(resolved, { retryBaseDelayMs: 0 });
  const built = fakeDeps(root, {
    ask: async (question, number) => `${MARKERS.answer} ${question.options[0] ?? ''} ${number}`,
  });
  built.deps.modelFor = (persona) => factory(persona.id);
  return built.deps;
}

const OPTIONS = {
  name: 'keyspace',
  tool: 'crossplane' as const,
  request: 'a Cassandra keyspace',
  environment: 'dev',
};
const LIMITS = { maxQuestions: 3, maxRevisions: 2 };
const systemTexts = (body: { system?: Array<{ text: string }> }) =>
  (body.system ?? []).map((block) => block.text);

describe('the relay against the mock model server (real Anthropic adapter)', () => {
  it('new-composition → plan → implement ends done when the fake gates pass, and the ledger records each call', async () => {
    mock = await startMockModelServer({ script: relayMockScript({ questions: 2 }) });
    const root = createFixtureProject();
    const deps = await mockDeps(root, mock);
    const started = await startRelay(deps, OPTIONS, LIMITS);
    expect(started.state).toBe('spec-reviewed');
    expect((await continueRelay(deps, started.track, [...COMMAND_EVENTS.plan])).state).toBe('planned');
    const end = await continueRelay(deps, started.track, [...COMMAND_EVENTS.implement]);
    expect(end.state).toBe('done');
    const ledger = readFileSync(join(root, '.infrakit/tracks', started.track, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(ledger).toHaveLength(mock.requests.length);
  });

  it('ends blocked with the validator output when the fake validator fails', async () => {
    mock = await startMockModelServer({ script: relayMockScript({ questions: 0 }) });
    const root = createFixtureProject();
    const deps = await mockDeps(root, mock);
    deps.gates.validator = async (): Promise<GateResult> => ({
      gate: 'validator',
      status: 'failed',
      summary: 'render failed',
      output: 'FAKE-VALIDATOR-OUTPUT',
    });
    const end = await startRelay(deps, OPTIONS, LIMITS, 'implement');
    expect(end.state).toBe('blocked');
    expect(readFileSync(join(root, '.infrakit/tracks', end.track, 'gate-report.md'), 'utf8')).toContain(
      'FAKE-VALIDATOR-OUTPUT',
    );
  });

  it('runs the two reviews concurrently (their recorded request windows overlap)', async () => {
    mock = await startMockModelServer({ script: relayMockScript({ questions: 0, reviewLatencyMs: 300 }) });
    const root = createFixtureProject();
    await startRelay(await mockDeps(root, mock), OPTIONS, LIMITS);
    const architect = mock.requests.find((request) => request.persona === 'architect')!;
    const security = mock.requests.find((request) => request.persona === 'security-engineer')!;
    expect(architect.respondedAt).toBeDefined();
    expect(security.respondedAt).toBeDefined();
    expect(architect.receivedAt).toBeLessThan(security.respondedAt!);
    expect(security.receivedAt).toBeLessThan(architect.respondedAt!);
  });

  it('isolates personas: each request holds only its prompt, the constraints and its allowed artifacts', async () => {
    mock = await startMockModelServer({
      script: relayMockScript({ questions: 1, architectVerdicts: ['REJECT', 'APPROVE'] }),
    });
    const root = createFixtureProject();
    const end = await startRelay(await mockDeps(root, mock), OPTIONS, LIMITS);
    expect(end.state).toBe('spec-reviewed');
    const byPersona = (persona: string) => mock!.requests.filter((request) => request.persona === persona);
    expect(byPersona('architect')).toHaveLength(2);
    const personaPrompt = (id: string) =>
      readFileSync(join(import.meta.dirname, '..', '..', 'personas', `${id}.md`), 'utf8')
        .split('---\n')
        .slice(2)
        .join('---\n');
    for (const request of mock.requests) {
      const system = systemTexts(request.body);
      expect(system[0]).toBe(personaPrompt(request.persona!));
      expect(system[1]).toContain('CONTEXT-MARKER');
      expect(request.body.messages).toHaveLength(1);
    }
    for (const request of byPersona('architect')) {
      const text = JSON.stringify(request.body);
      expect(text).not.toContain(MARKERS.security);
      expect(text).not.toContain(MARKERS.answer);
      expect(text).toContain('R1: a keyspace');
    }
    for (const request of byPersona('security-engineer')) {
      expect(JSON.stringify(request.body)).not.toContain(MARKERS.architect);
      expect(JSON.stringify(request.body)).not.toContain(MARKERS.answer);
    }
    const revision = byPersona('solutions-engineer').at(-1)!;
    expect(JSON.stringify(revision.body)).toContain(MARKERS.architect);
    expect(JSON.stringify(revision.body)).toContain(MARKERS.answer);
  });
});

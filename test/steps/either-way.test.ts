import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveProviderSettings } from '../../providers/config.js';
import { createModelClientFactory } from '../../providers/factory.js';
import { continueRelay, startRelay } from '../../src/pipeline/operations.js';
import { trackStatus } from '../../src/pipeline/status.js';
import { nextAgentStep, startAgentTrack, submitAgentStep } from '../../src/steps/agent-operations.js';
import { fakeDeps } from '../pipeline/fake-deps.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';
import { relayMockScript } from '../pipeline/mock-script.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';

let mock: MockModelServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/** The pipeline with an API key: the real Anthropic adapter against the loopback mock model server. */
async function withApiKey(projectRoot: string) {
  mock = await startMockModelServer({ script: relayMockScript({ questions: 0 }) });
  const settings = await resolveProviderSettings({
    projectDir: projectRoot,
    env: {
      ANTHROPIC_API_KEY: 'test-key',
      INFRAKIT_PROVIDER: 'anthropic',
      INFRAKIT_BASE_URL: mock.anthropicBaseUrl,
    },
    userConfigFile: join(projectRoot, 'no-user-config.yaml'),
  });
  const factory = createModelClientFactory(settings, { retryBaseDelayMs: 0 });
  const { deps } = fakeDeps(projectRoot);
  deps.modelFor = (persona) => factory(persona.id);
  return deps;
}

const SPEC = { question: null, spec: '# Spec\n\n- R1: a keyspace\n- R2: encrypted with a customer key\n' };
const APPROVE = { verdict: 'APPROVE', summary: 'fine', findings: [] };

describe('the same track, through an agent or with an API key', () => {
  it('a track started by an agent is resumed with a model, and a step issued before is then refused', async () => {
    const projectRoot = createFixtureProject();
    const environment = { projectRoot, env: { PATH: process.env.PATH } };
    let report = await startAgentTrack(environment, {
      name: 'keyspace',
      tool: 'crossplane',
      request: 'a keyspace',
      through: 'spec',
      maxQuestions: 0,
    });
    const track = report.track;
    report = await submitAgentStep(environment, track, {
      stepId: report.pending[0].id,
      answer: JSON.stringify(SPEC),
      answeredBy: 'agent-a',
    });
    for (const step of report.pending)
      report = await submitAgentStep(environment, track, {
        stepId: step.id,
        answer: JSON.stringify(APPROVE),
      });
    expect(report.state).toBe('spec-reviewed');
    report = await nextAgentStep(environment, track, 'plan');
    expect(report.pending).toMatchObject([{ persona: 'iac-engineer', output: 'plan' }]);
    const issued = report.pending[0];

    // Resumed with an API key: the plan step in flight is asked of the model, over HTTP.
    const resumed = await continueRelay(await withApiKey(projectRoot), track, ['START', 'RETRY']);
    expect(resumed.state, resumed.context.reason).toBe('planned');
    expect(mock!.requests.map((request) => request.persona)).toEqual(['iac-engineer']);
    // The model saw the spec the agent wrote, in the same track.
    expect(JSON.stringify(mock!.requests[0].body)).toContain('R2: encrypted with a customer key');
    await expect(
      submitAgentStep(environment, track, {
        stepId: issued.id,
        answer: JSON.stringify({ plan: 'x', tasks: [] }),
      }),
    ).rejects.toThrow('the track moved on');

    const status = await trackStatus(projectRoot, track);
    const byName = Object.fromEntries(
      status.steps.map((step) => [step.name, status.answeredBy[step.number]]),
    );
    expect(byName).toMatchObject({
      spec: 'host agent (agent-a)',
      'review-architect': 'host agent',
      plan: expect.stringMatching(/^anthropic\//),
    });
  });

  it('a track started with a model is continued by an agent', async () => {
    const projectRoot = createFixtureProject();
    const started = await startRelay(
      await withApiKey(projectRoot),
      { name: 'keyspace', tool: 'crossplane', request: 'a keyspace' },
      { maxQuestions: 0, maxRevisions: 0 },
    );
    expect(started.state).toBe('spec-reviewed');
    const report = await nextAgentStep(
      { projectRoot, env: { PATH: process.env.PATH } },
      started.track,
      'plan',
    );
    expect(report.state).toBe('planning');
    expect(report.pending).toMatchObject([{ persona: 'iac-engineer', output: 'plan' }]);
    // The agent is asked with the spec the model wrote, in the same track.
    expect(report.pending[0].prompt).toContain('R2: customer-managed encryption');
    const planned = await submitAgentStep({ projectRoot, env: { PATH: process.env.PATH } }, started.track, {
      stepId: report.pending[0].id,
      answer: JSON.stringify({
        plan: '# Plan\n\nOne task.',
        tasks: [{ id: 'T1', title: 'XRD', requirements: ['R1', 'R2'], files: ['definition.yaml'] }],
      }),
      answeredBy: 'agent-b',
    });
    expect(planned.state, planned.reason).toBe('planned');
    const status = await trackStatus(projectRoot, started.track);
    const byName = Object.fromEntries(
      status.steps.map((step) => [step.name, status.answeredBy[step.number]]),
    );
    expect(byName).toMatchObject({
      spec: expect.stringMatching(/^anthropic\//),
      'review-security-engineer': expect.stringMatching(/^anthropic\//),
      plan: 'host agent (agent-b)',
    });
  });
});

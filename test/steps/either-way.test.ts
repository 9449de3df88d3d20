import { describe, expect, it } from 'vitest';
import { continueRelay, startRelay } from '../../src/pipeline/operations.js';
import { trackStatus } from '../../src/pipeline/status.js';
import { nextAgentStep, startAgentTrack, submitAgentStep } from '../../src/steps/agent-operations.js';
import { fakeDeps } from '../pipeline/fake-deps.js';
import { createFixtureProject } from '../pipeline/fixture-project.js';
import { iacEngineer, reviewer, solutionsEngineer } from '../pipeline/scripts.js';

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

    // Resumed with a model (the API path): the plan step in flight is asked of the model.
    const { deps } = fakeDeps(projectRoot, { script: { 'iac-engineer': iacEngineer } });
    const resumed = await continueRelay(deps, track, ['START', 'RETRY']);
    expect(resumed.state).toBe('planned');
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
      plan: 'fake/fake-model',
    });
  });

  it('a track started with a model is continued by an agent', async () => {
    const projectRoot = createFixtureProject();
    const { deps } = fakeDeps(projectRoot, {
      script: {
        'solutions-engineer': solutionsEngineer(0),
        architect: reviewer('APPROVE', 'ARC'),
        'security-engineer': reviewer('APPROVE', 'SEC'),
      },
    });
    const started = await startRelay(
      deps,
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
    expect(report.pending[0].prompt).toContain('R2: encrypted with a customer key');
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEnvironment } from '../../src/steps/agent-deps.js';
import {
  nextAgentStep,
  startAgentTrack,
  submitAgentStep,
  type StepReport,
} from '../../src/steps/agent-operations.js';
import {
  demoProject,
  fakeValidatorPath,
  scriptedAgent,
  sharedDirectory,
  sharedMissing,
} from './agent-project.js';

if (sharedMissing) console.warn(`skipped: ${sharedMissing}`);

describe.skipIf(Boolean(sharedMissing))('the step protocol, in process', () => {
  let environment: AgentEnvironment;
  let request: string;
  beforeAll(async () => {
    const { projectRoot, script } = await demoProject();
    request = script.track.request;
    environment = {
      projectRoot,
      env: { PATH: await fakeValidatorPath(), HOME: projectRoot, INFRAKIT_SHARED_DIR: sharedDirectory },
    };
  });
  afterAll(() => undefined);

  it('drives a whole Crossplane track from request to done, one step at a time', async () => {
    const answer = await scriptedAgent();
    let report: StepReport = await startAgentTrack(environment, {
      name: 'cassandra-keyspace',
      tool: 'crossplane',
      request,
      environment: 'dev',
      through: 'implement',
      maxQuestions: 6,
    });
    const seen: string[] = [];
    for (let round = 0; round < 40 && report.pending.length > 0; round += 1) {
      const step = report.pending[0];
      if (step.output === 'code' && seen.filter((name) => name.endsWith(':code')).length >= 3)
        throw new Error(JSON.stringify(report.gates));
      seen.push(step.kind === 'question' ? 'question' : `${step.persona}:${step.output}`);
      report = await submitAgentStep(environment, report.track, {
        stepId: step.id,
        answer: JSON.stringify(answer(step)),
        answeredBy: 'test-agent',
      });
    }
    expect(report.state, report.reason).toBe('done');
    expect(seen).toContain('architect:review');
    const ledger = await readFile(
      join(environment.projectRoot, '.infrakit', 'tracks', report.track, 'ledger.jsonl'),
      'utf8',
    );
    expect(ledger).toContain('"provider":"host-agent"');
    expect(ledger).toContain('"model":"host agent (test-agent)"');
    const next = await nextAgentStep(environment, report.track);
    expect(next.state).toBe('done');
  });
});

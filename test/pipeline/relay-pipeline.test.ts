import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/gate/types.js';
import { COMMAND_EVENTS, continueRelay, startRelay } from '../../src/pipeline/operations.js';
import { readStateFile } from '../../src/tracks/state-file.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject, gitSubjects } from './fixture-project.js';
import { iacEngineer, reviewer, solutionsEngineer } from './scripts.js';

const LIMITS = { maxQuestions: 3, maxRevisions: 1 };
const OPTIONS = {
  name: 'keyspace',
  tool: 'crossplane' as const,
  request: 'a Cassandra keyspace for my service',
  environment: 'dev',
};
const script = {
  'solutions-engineer': solutionsEngineer(2),
  architect: reviewer('APPROVE WITH CHANGES', 'ARC'),
  'security-engineer': reviewer('APPROVE', 'SEC'),
  'iac-engineer': iacEngineer,
};

describe('the relay pipeline with fake models and gates', () => {
  it('goes from interview to done in three commands, one commit per step', async () => {
    const root = createFixtureProject();
    const { deps, asked } = fakeDeps(root, { script, schemaLock: async (files) => ({ format: 1, files }) });
    const started = await startRelay(deps, OPTIONS, LIMITS);
    expect(started.state).toBe('spec-reviewed');
    expect(started.track).toBe('keyspace-20260102-030405');
    expect(asked).toEqual(['q1', 'q2']);
    const trackDir = join(root, '.infrakit/tracks', started.track);
    for (const file of [
      'spec.md',
      'qa.md',
      'review-architect.md',
      'review-architect.json',
      'review-security-engineer.md',
      'state.json',
      'ledger.jsonl',
      'changelog.md',
    ]) {
      expect(existsSync(join(trackDir, file)), file).toBe(true);
    }
    expect(readFileSync(join(trackDir, 'qa.md'), 'utf8')).toMatch(/## Q2 \(q2\)[\s\S]*\*\*Answer:\*\* small/);
    expect((await continueRelay(deps, 'keyspace', [...COMMAND_EVENTS.plan])).state).toBe('planned');
    const end = await continueRelay(deps, started.track, [...COMMAND_EVENTS.implement]);
    expect(end.state).toBe('done');
    expect(readFileSync(join(root, 'compositions/keyspace/examples/xr.yaml'), 'utf8')).toBe('kind: XThing\n');
    const subjects = gitSubjects(root).slice(1);
    const numbers = subjects.flatMap((subject) =>
      [...subject.matchAll(/step (\d+) /g)].map((match) => Number(match[1])),
    );
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    expect(subjects.every((subject) => subject.startsWith(`infrakit(${started.track}): step `))).toBe(true);
    expect(subjects.join('\n')).toMatch(/review-architect by architect/);
    const state = await readStateFile(root, started.track);
    expect(state.snapshot.value).toBe('done');
    const lock = JSON.parse(
      readFileSync(join(root, '.infrakit/tracks', started.track, 'schema.lock.json'), 'utf8'),
    );
    expect(lock.files).toContain('compositions/keyspace/definition.yaml');
    expect(readFileSync(join(root, '.infrakit/tracks.md'), 'utf8')).toContain(
      `| ${started.track} | crossplane | done |`,
    );
  });

  it('blocks with the validator output saved when the validator keeps failing', async () => {
    const root = createFixtureProject();
    const failing = async (): Promise<GateResult> => ({
      gate: 'validator',
      status: 'failed',
      summary: 'crossplane render failed',
      output: 'error: VALIDATOR-OUTPUT-42',
    });
    const { deps, requests } = fakeDeps(root, { script });
    deps.gates.validator = failing;
    const end = await startRelay(deps, OPTIONS, LIMITS, 'implement');
    expect(end.state).toBe('blocked');
    expect(end.reason).toMatch(/still fails after 1 repair round/);
    const report = readFileSync(join(root, '.infrakit/tracks', end.track, 'gate-report.md'), 'utf8');
    expect(report).toContain('VALIDATOR-OUTPUT-42');
    const repair = requests.find((request) => JSON.stringify(request.messages).includes('Repair round 1'));
    expect(JSON.stringify(repair?.messages)).toContain('VALIDATOR-OUTPUT-42');
  });

  it('ends blocked, never done, with the real not-yet-available gates', async () => {
    const root = createFixtureProject();
    const { deps } = fakeDeps(root, { script });
    const { validatorGate } = await import('../../src/validators/gate.js');
    deps.gates.validator = validatorGate;
    const end = await startRelay(deps, OPTIONS, LIMITS, 'implement');
    expect(end.state).toBe('blocked');
    expect(end.reason).toMatch(/validator unavailable/);
  });

  it('blocks before a call would overspend a token budget', async () => {
    const root = createFixtureProject();
    const { deps, requests } = fakeDeps(root, { script });
    const end = await startRelay(deps, { ...OPTIONS, budget: { unit: 'tokens', limit: 1200 } }, LIMITS);
    expect(end.state).toBe('blocked');
    expect(end.reason).toMatch(/^budget: the track has used \d+ tokens of 1200 tokens/);
    const spent = requests.length * 150;
    expect(spent).toBeLessThanOrEqual(1200);
  });

  it('refuses a model path outside the output folder and blocks with the reason', async () => {
    const root = createFixtureProject();
    const evil = (request: Parameters<typeof iacEngineer>[0], call: number) =>
      request.output?.name === 'code'
        ? { files: [{ path: '../../etc/passwd', content: 'x' }], notes: '' }
        : iacEngineer(request, call);
    const { deps } = fakeDeps(root, { script: { ...script, 'iac-engineer': evil } });
    const end = await startRelay(deps, OPTIONS, LIMITS, 'implement');
    expect(end.state).toBe('blocked');
    expect(end.reason).toMatch(/refused to write "..\/..\/etc\/passwd"/);
  });
});

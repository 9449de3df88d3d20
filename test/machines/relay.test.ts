import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { ALL_PASSED, INPUT, VALIDATOR_FAILED, fakeRelay } from './fake-actors.js';

const settled = (value: unknown) =>
  ['spec-reviewed', 'planned', 'done', 'blocked', 'failed'].includes(String(value));

async function runToStop(actor: ReturnType<typeof createActor<ReturnType<typeof fakeRelay>>>) {
  return waitFor(actor, (snapshot) => settled(snapshot.value));
}

describe('relay machine', () => {
  it('walks the full relay to done when every gate passes', async () => {
    const calls: string[] = [];
    const actor = createActor(
      fakeRelay(
        { questions: 2, verdicts: [['APPROVE', 'APPROVE WITH CHANGES']], gates: [ALL_PASSED] },
        calls,
      ),
      {
        input: INPUT,
      },
    ).start();
    actor.send({ type: 'START' });
    expect((await runToStop(actor)).value).toBe('spec-reviewed');
    actor.send({ type: 'PLAN' });
    expect((await runToStop(actor)).value).toBe('planned');
    actor.send({ type: 'IMPLEMENT' });
    const end = await runToStop(actor);
    expect(end.value).toBe('done');
    expect(calls.filter((call) => call.startsWith('answer'))).toEqual(['answer:q1', 'answer:q2']);
    expect(end.context.steps.map((step) => step.number)).toEqual(
      end.context.steps.map((_, index) => index + 1),
    );
    expect(end.context.steps.map((step) => step.name)).toContain('review-security-engineer');
  });

  it('stops asking at maxQuestions', async () => {
    const calls: string[] = [];
    const actor = createActor(
      fakeRelay({ questions: 10, verdicts: [['APPROVE', 'APPROVE']], gates: [ALL_PASSED] }, calls),
      {
        input: { ...INPUT, maxQuestions: 2 },
      },
    ).start();
    actor.send({ type: 'START' });
    await runToStop(actor);
    expect(calls.filter((call) => call.startsWith('answer'))).toHaveLength(2);
  });

  it('sends a rejected spec back once, then blocks with the open findings', async () => {
    const calls: string[] = [];
    const actor = createActor(
      fakeRelay({ questions: 0, verdicts: [['REJECT', 'APPROVE']], gates: [ALL_PASSED] }, calls),
      {
        input: INPUT,
      },
    ).start();
    actor.send({ type: 'START' });
    const end = await runToStop(actor);
    expect(end.value).toBe('blocked');
    expect(end.context.reason).toMatch(/rejected after 1 revision.*architect \(2 open finding/);
    expect(calls.filter((call) => call.startsWith('consult'))).toEqual(['consult:0', 'consult:1']);
  });

  it('repairs a failing validator for maxRepairRounds, then blocks', async () => {
    const calls: string[] = [];
    const actor = createActor(
      fakeRelay({ questions: 0, verdicts: [['APPROVE', 'APPROVE']], gates: [VALIDATOR_FAILED] }, calls),
      {
        input: INPUT,
      },
    ).start();
    actor.send({ type: 'START' });
    await runToStop(actor);
    actor.send({ type: 'IMPLEMENT' });
    expect((await runToStop(actor)).value).toBe('spec-reviewed');
    actor.send({ type: 'PLAN' });
    let end = await runToStop(actor);
    expect(end.value).toBe('planned');
    actor.send({ type: 'IMPLEMENT' });
    end = await runToStop(actor);
    expect(end.value).toBe('blocked');
    expect(calls.filter((call) => call.startsWith('repair'))).toEqual(['repair:1', 'repair:2']);
    expect(end.context.reason).toMatch(/still fails after 2 repair/);
  });

  it('blocks on an unavailable gate without repairing, naming the install hint', async () => {
    const calls: string[] = [];
    const unavailable = [
      {
        gate: 'validator',
        status: 'unavailable' as const,
        summary: 'crossplane not found',
        installHint: 'brew install crossplane',
      },
    ];
    const actor = createActor(
      fakeRelay({ questions: 0, verdicts: [['APPROVE', 'APPROVE']], gates: [unavailable] }, calls),
      {
        input: INPUT,
      },
    ).start();
    actor.send({ type: 'QUICK_FIX' });
    await runToStop(actor);
    actor.send({ type: 'IMPLEMENT' });
    const end = await runToStop(actor);
    expect(end.value).toBe('blocked');
    expect(end.context.reason).toContain('brew install crossplane');
    expect(calls.some((call) => call.startsWith('repair'))).toBe(false);
  });

  it('maps a blocking error to blocked and any other error to failed; RETRY resumes the step', async () => {
    const blocked = createActor(fakeRelay({ questions: 0, verdicts: [], gates: [], blockAt: 'plan' }), {
      input: INPUT,
    }).start();
    blocked.send({ type: 'QUICK_FIX' });
    const blockedEnd = await runToStop(blocked);
    expect(blockedEnd.value).toBe('blocked');
    expect(blockedEnd.context.resumeAt).toBe('planning');
    const failed = createActor(
      fakeRelay({ questions: 0, verdicts: [['APPROVE', 'APPROVE']], gates: [], failAt: 'review' }),
      {
        input: INPUT,
      },
    ).start();
    failed.send({ type: 'START' });
    const failedEnd = await runToStop(failed);
    expect(failedEnd.value).toBe('failed');
    expect(failedEnd.context.reason).toMatch(/review could not finish: provider down/);
  });

  it('runs one region per reviewer: a third reviewer is just another id', async () => {
    const calls: string[] = [];
    const reviewers = ['architect', 'security-engineer', 'finops'];
    const actor = createActor(
      fakeRelay({ questions: 0, verdicts: [['APPROVE', 'APPROVE', 'APPROVE']], gates: [] }, calls, reviewers),
      {
        input: { ...INPUT, reviewerIds: reviewers },
      },
    ).start();
    actor.send({ type: 'START' });
    await runToStop(actor);
    expect(calls.filter((call) => call.startsWith('review')).sort()).toEqual([
      'review:architect:0',
      'review:finops:0',
      'review:security-engineer:0',
    ]);
  });

  it('restores a persisted snapshot and restarts the interrupted step', async () => {
    const calls: string[] = [];
    const machine = fakeRelay(
      { questions: 0, verdicts: [['APPROVE', 'APPROVE']], gates: [ALL_PASSED] },
      calls,
    );
    const first = createActor(machine, { input: INPUT }).start();
    first.send({ type: 'START' });
    await runToStop(first);
    first.send({ type: 'PLAN' });
    const persisted = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    first.stop();
    const restored = createActor(machine, { snapshot: persisted }).start();
    const end = await runToStop(restored);
    expect(end.value).toBe('planned');
    expect(calls.filter((call) => call === 'plan')).toHaveLength(2);
  });
});

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { simpleGit } from 'simple-git';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IssuedStep, StepReport } from '../../src/steps/agent-operations.js';
import { demoProject, scriptedAgent, sharedMissing } from '../steps/agent-project.js';
import { connectInMemory } from './in-memory-server.js';
import { textOf } from './start-server.js';

if (sharedMissing) console.warn(`skipped: ${sharedMissing}`);

/** The official MCP client connected in memory to `infrakit mcp`, with validators on a fake PATH. */
async function connect(projectRoot: string) {
  const client = new Client({ name: 'scripted-agent', version: '1' });
  await connectInMemory(projectRoot, client);
  return async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 240_000 })) as CallToolResult;
}

const reportOf = (result: CallToolResult): StepReport => {
  if (result.isError) throw new Error(textOf(result));
  return result.structuredContent as unknown as StepReport;
};

describe.skipIf(Boolean(sharedMissing))('the step protocol through the MCP tools', () => {
  let call: Awaited<ReturnType<typeof connect>>;
  let projectRoot: string;
  let request: string;
  beforeAll(async () => {
    ({
      projectRoot,
      script: {
        track: { request },
      },
    } = await demoProject());
    call = await connect(projectRoot);
  });

  it('drives a Crossplane track from request to done; reviews in parallel, isolated; bad input refused', async () => {
    const answer = await scriptedAgent();
    let report = reportOf(
      await call('track_start', {
        name: 'cassandra-keyspace',
        tool: 'crossplane',
        request,
        environment: 'dev',
        through: 'implement',
        maxQuestions: 6,
      }),
    );
    const track = report.track;
    // The Solutions Engineer's turn, then the question it asked, which the agent must put to its user.
    expect(report.pending).toMatchObject([
      { kind: 'persona', persona: 'solutions-engineer', output: 'clarify' },
    ]);
    expect(report.pending[0].system[0]).toContain('Solutions Engineer');
    expect(report.pending[0].prompt).toContain(request);
    const consult = report.pending[0];
    report = reportOf(await call('track_submit_step', { track, step: consult.id, answer: answer(consult) }));
    expect(report.pending).toHaveLength(1);
    expect(report.pending[0]).toMatchObject({ kind: 'question', persona: 'user', output: 'answer' });
    expect(report.next).toContain('Ask your user');
    const first = report.pending[0];

    // A second agent (another process holding the lock) is refused.
    const lock = join(projectRoot, '.infrakit', 'tracks', track, '.lock');
    await writeFile(lock, JSON.stringify({ pid: process.ppid }));
    const locked = await call('track_next_step', { track });
    expect(locked.isError).toBe(true);
    expect(textOf(locked)).toContain(`track ${track} is in use by pid ${process.ppid}`);
    await rm(lock);

    // Wrong step, wrong schema, extra fields: refused with the reason and the expected step.
    const wrongStep = await call('track_submit_step', {
      track,
      step: 'architect-000000000000',
      answer: { answer: 'x' },
    });
    expect(wrongStep.isError).toBe(true);
    expect(textOf(wrongStep)).toContain('is not waiting for an answer');
    expect(textOf(wrongStep)).toContain(`Expected one of: ${first.id}`);
    const badSchema = await call('track_submit_step', { track, step: first.id, answer: { answer: 42 } });
    expect(textOf(badSchema)).toMatch(/does not match the answer schema:\nanswer: /);
    const notJson = await call('track_submit_step', { track, step: first.id, answer: '{"answer": ' });
    expect(textOf(notJson)).toContain('is not valid JSON');
    // Wrong track: the step of this track, submitted to another one.
    const other = reportOf(
      await call('track_start', { name: 'other-keyspace', tool: 'crossplane', request: 'another keyspace' }),
    );
    const wrongTrack = await call('track_submit_step', {
      track: other.track,
      step: first.id,
      answer: { answer: 'x' },
    });
    expect(textOf(wrongTrack)).toContain(`is not waiting for an answer on track ${other.track}`);
    // Nothing was half-written: the same step is still pending, with the same prompt.
    expect(reportOf(await call('track_next_step', { track })).pending).toEqual([first]);

    const prompts = new Map<string, string[]>();
    const remember = (steps: IssuedStep[]) => {
      for (const step of steps)
        prompts.set(step.persona, [...(prompts.get(step.persona) ?? []), step.prompt]);
    };
    const reviewAnswers = new Map<string, string>();
    let answeredFirst = false;
    for (let round = 0; round < 30 && report.pending.length > 0; round += 1) {
      remember(report.pending);
      if (report.pending.length > 1) {
        // Both reviews at once: answered in parallel, each from its own prompt only.
        expect(report.pending.map((step) => step.persona).sort()).toEqual(['architect', 'security-engineer']);
        const results = await Promise.all(
          report.pending.map((step) => {
            const given = answer(step) as { summary: string };
            reviewAnswers.set(step.persona, given.summary);
            return call('track_submit_step', { track, step: step.id, answer: given });
          }),
        );
        for (const result of results) remember(reportOf(result).pending);
        // Which submission ran last is up to the server's queue: ask where the track is now.
        report = reportOf(await call('track_next_step', { track }));
        continue;
      }
      const step = report.pending[0];
      const given = answer(step) as Record<string, unknown>;
      if (step.output === 'code') {
        const forged = await call('track_submit_step', {
          track,
          step: step.id,
          answer: { ...given, state: 'done', gates: [{ gate: 'validator', status: 'passed' }] },
        });
        expect(textOf(forged)).toContain('has field(s) a code answer does not have: state, gates');
        const escape = await call('track_submit_step', {
          track,
          step: step.id,
          answer: {
            files: [{ path: `../../.infrakit/tracks/${track}/state.json`, content: '{}' }],
            notes: '',
          },
        });
        expect(textOf(escape)).toContain('".." is not allowed');
      }
      report = reportOf(await call('track_submit_step', { track, step: step.id, answer: given }));
      if (!answeredFirst) {
        answeredFirst = true;
        const twice = await call('track_submit_step', { track, step: first.id, answer: given });
        expect(textOf(twice)).toContain('was already answered');
      }
    }
    expect(report.state, report.reason).toBe('done');
    expect(report.gates.map((gate) => [gate.gate, gate.status])).toEqual([
      ['validator', 'passed'],
      ['verify', 'passed'],
      ['policy', 'passed'],
    ]);
    // Isolation: neither reviewer's prompt ever held the other's answer.
    expect(reviewAnswers.size).toBe(2);
    for (const prompt of prompts.get('architect') ?? [])
      expect(prompt).not.toContain(reviewAnswers.get('security-engineer'));
    for (const prompt of prompts.get('security-engineer') ?? [])
      expect(prompt).not.toContain(reviewAnswers.get('architect'));
    expect((prompts.get('security-engineer') ?? []).length).toBeGreaterThan(0);

    // The step book is in git with the track: committed, nothing of the track left uncommitted.
    const git = simpleGit(projectRoot);
    const book = `.infrakit/tracks/${track}/agent/steps.json`;
    expect(JSON.parse(await git.show([`HEAD:${book}`]))).toMatchObject({ state: 'done', pending: [] });
    expect(await git.raw(['status', '--porcelain', '--', `.infrakit/tracks/${track}`])).toBe('');
    const subjects = (await git.log()).all.map((entry) => entry.message);
    // The two reviews run in parallel: either may be registered first.
    expect(subjects).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^infrakit\\(${track}\\): agent book, 2 pending \\((architect, security-engineer|security-engineer, architect)\\)$`,
          ),
        ),
      ]),
    );

    // Done is final: no step is left to submit, and status names who answered.
    const after = await call('track_submit_step', { track, step: first.id, answer: { answer: 'x' } });
    expect(after.isError).toBe(true);
    const status = await call('track_status', { track });
    expect(textOf(status)).toContain('host agent (scripted-agent)');
  });
});

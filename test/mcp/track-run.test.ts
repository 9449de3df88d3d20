import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  McpError,
  type CallToolResult,
  type CreateMessageRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { loadPersonas } from '../../src/personas/load.js';
import type { IssuedStep, StepReport } from '../../src/steps/agent-operations.js';
import { trackStatus } from '../../src/pipeline/status.js';
import { cliBuilt } from '../cli/run-cli.js';
import { connectInMemory } from './in-memory-server.js';
import { demoProject, fakeValidatorPath, scriptedAgent, sharedMissing } from '../steps/agent-project.js';
import { startServer, textOf } from './start-server.js';

if (sharedMissing) console.warn(`skipped: ${sharedMissing}`);

type Sampled = CreateMessageRequest['params'];

/**
 * The official MCP client, in memory, offering sampling (and elicitation when asked): its "model"
 * answers each sampling request from the demo's script, chosen by the persona whose prompt opens
 * the system prompt. Every request is kept for the isolation checks.
 */
async function connect(projectRoot: string, capabilities: { elicitation: boolean }) {
  const answer = await scriptedAgent();
  const personas = await loadPersonas();
  const recording = await import('../../src/demo/demo-script.js').then(async (demo) =>
    demo.loadDemoScript(demo.defaultDemoScriptPath()),
  );
  const sampled: Array<{ persona: string; params: Sampled }> = [];
  const elicited: string[] = [];
  const client = new Client(
    { name: 'sampling-client', version: '1' },
    { capabilities: { sampling: {}, ...(capabilities.elicitation ? { elicitation: {} } : {}) } },
  );
  let reviewsWaiting: Array<() => void> = [];
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    const params = request.params;
    const persona = personas.find((candidate) => params.systemPrompt?.startsWith(candidate.prompt));
    if (!persona)
      throw new Error(`no persona prompt opens the system prompt: ${params.systemPrompt?.slice(0, 80)}`);
    sampled.push({ persona: persona.id, params });
    if (persona.stage === 'review') {
      // Each review waits for the other: both must be asked at once (or the test times out here).
      await new Promise<void>((resolve, reject) => {
        reviewsWaiting.push(resolve);
        if (reviewsWaiting.length === 2) {
          for (const release of reviewsWaiting) release();
          reviewsWaiting = [];
        }
        setTimeout(
          () => reject(new Error(`${persona.id} was asked alone: the reviews were not parallel`)),
          20_000,
        );
      });
    }
    const prompt = (params.messages[0].content as { text: string }).text;
    const data = answer({ kind: 'persona', persona: persona.id, prompt } as IssuedStep);
    // Fenced, as models like to answer: infrakit takes the JSON inside.
    return {
      model: 'scripted-model',
      role: 'assistant',
      content: { type: 'text', text: `\`\`\`json\n${JSON.stringify(data)}\n\`\`\`` },
    };
  });
  if (capabilities.elicitation)
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicited.push(request.params.message);
      return { action: 'accept', content: { answer: recording.answers[elicited.length - 1].answer } };
    });
  await connectInMemory(projectRoot, client);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 170_000 })) as CallToolResult;
  return { call, sampled, elicited, answer };
}

const reportOf = (result: CallToolResult): StepReport => {
  if (result.isError) throw new Error(textOf(result));
  return result.structuredContent as unknown as StepReport;
};

/** Neither review request holds the other's answer; each holds one persona's system prompt only. */
function expectIsolated(
  sampled: Array<{ persona: string; params: Sampled }>,
  summaries: Map<string, string>,
) {
  const reviews = sampled.filter((entry) => ['architect', 'security-engineer'].includes(entry.persona));
  expect(reviews.map((entry) => entry.persona).sort()).toEqual(['architect', 'security-engineer']);
  for (const entry of sampled) expect(entry.params.includeContext).toBe('none');
  for (const entry of reviews) {
    expect(entry.params.messages).toHaveLength(1);
    const text = JSON.stringify(entry.params);
    for (const [persona, summary] of summaries)
      if (persona !== entry.persona) expect(text).not.toContain(summary);
  }
}

describe.skipIf(Boolean(sharedMissing))(
  'track_run: a whole track through the client model (MCP sampling)',
  () => {
    it('runs a Crossplane track to done: one isolated request per persona call, reviews in parallel, questions elicited', async () => {
      const { projectRoot, script } = await demoProject();
      const { call, sampled, elicited } = await connect(projectRoot, { elicitation: true });
      const report = reportOf(
        await call('track_run', {
          name: 'cassandra-keyspace',
          tool: 'crossplane',
          request: script.track.request,
          environment: 'dev',
          maxQuestions: 6,
        }),
      );
      expect(report.state, report.reason).toBe('done');
      expect(report.pending).toEqual([]);
      expect(report.gates.map((gate) => [gate.gate, gate.status])).toEqual([
        ['validator', 'passed'],
        ['verify', 'passed'],
        ['policy', 'passed'],
      ]);
      // Every question went to the user as a form, none to the model.
      expect(elicited.length).toBe(script.answers.length);
      expect(elicited[0]).toContain('question 1 from the Solutions Engineer');
      // One request per persona call: the Solutions Engineer once per question and once for the spec.
      expect(sampled.filter((entry) => entry.persona === 'solutions-engineer')).toHaveLength(
        script.answers.length + 1,
      );
      // The reviews' summaries, from the same script the client answered with.
      const script2 = await scriptedAgent();
      const summaries = new Map(
        ['architect', 'security-engineer'].map((persona) => [
          persona,
          (script2({ kind: 'persona', persona } as IssuedStep) as { summary: string }).summary,
        ]),
      );
      expectIsolated(sampled, summaries);
      const status = await trackStatus(projectRoot, report.track);
      expect(Object.values(status.answeredBy)).toContain('mcp-sampling/scripted-model');
    });

    it('without elicitation a question comes back as a step; the answer submitted, the run goes on through the model', async () => {
      const { projectRoot, script } = await demoProject();
      const { call, sampled, elicited } = await connect(projectRoot, { elicitation: false });
      let report = reportOf(
        await call('track_run', {
          name: 'cassandra-keyspace',
          tool: 'crossplane',
          request: script.track.request,
          through: 'spec',
          maxQuestions: 6,
        }),
      );
      const questions: string[] = [];
      for (let round = 0; round < 10 && report.pending.length > 0; round += 1) {
        // The model is never asked to play the user: only questions wait, for the agent to ask.
        expect(report.pending).toMatchObject([{ kind: 'question', persona: 'user' }]);
        expect(report.next).toContain('the run then goes on through your model');
        const step = report.pending[0];
        questions.push(step.prompt);
        report = reportOf(
          await call('track_submit_step', {
            track: report.track,
            step: step.id,
            answer: { answer: script.answers[step.question!.number - 1].answer },
          }),
        );
      }
      expect(elicited).toEqual([]);
      expect(questions.length).toBe(script.answers.length);
      expect(report.state, report.reason).toBe('spec-reviewed');
      expect(report.next).toContain(`call track_run with {"track": "${report.track}", "advance": "plan"}`);
      expect(sampled.map((entry) => entry.persona)).toContain('architect');
    });

    it('refuses on a client without sampling, and names bad arguments', async () => {
      const { projectRoot } = await demoProject();
      const client = new Client({ name: 'plain', version: '1' });
      await connectInMemory(projectRoot, client, { PATH: process.env.PATH });
      const call = async (args: Record<string, unknown>) =>
        (await client.callTool({ name: 'track_run', arguments: args })) as CallToolResult;
      const plain = await call({ name: 'x-keyspace', tool: 'crossplane', request: 'a keyspace' });
      expect(plain.isError).toBe(true);
      expect(textOf(plain)).toContain('does not offer sampling');
      expect(textOf(plain)).toContain('track_start, track_next_step and track_submit_step');
      const missing = await call({ name: 'x-keyspace' });
      expect(textOf(missing)).toContain('track_run: "tool", "request" missing');
      const mixed = await call({ track: 'x', name: 'x-keyspace' });
      expect(textOf(mixed)).toContain('"name" only start a new one');
    });

    it('a sampling request the user refuses blocks the track with the reason, never done', async () => {
      const { projectRoot } = await demoProject();
      const client = new Client({ name: 'refusing', version: '1' }, { capabilities: { sampling: {} } });
      client.setRequestHandler(CreateMessageRequestSchema, async () => {
        throw new McpError(-1, 'User rejected sampling request');
      });
      await connectInMemory(projectRoot, client, { PATH: process.env.PATH });
      const result = (await client.callTool({
        name: 'track_run',
        arguments: { name: 'x-keyspace', tool: 'crossplane', request: 'a keyspace' },
      })) as CallToolResult;
      const report = reportOf(result);
      expect(report.state).toBe('blocked');
      expect(report.reason).toContain('User rejected sampling request');
      expect(report.next).toContain('call track_run with {"track": "');
      expect(report.next).toContain('"advance": "retry"');
    });
  },
);

describe.skipIf(Boolean(sharedMissing) || !cliBuilt)(
  'track_run through the real infrakit mcp process (stdio)',
  () => {
    it("sends the persona's sampling request to the client and reads its answer back", async () => {
      const { projectRoot, script } = await demoProject();
      const answer = await scriptedAgent();
      const client = new Client({ name: 'stdio-sampler', version: '1' }, { capabilities: { sampling: {} } });
      const asked: Sampled[] = [];
      client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
        asked.push(request.params);
        const data = answer({ kind: 'persona', persona: 'solutions-engineer' } as IssuedStep);
        return {
          model: 'stdio-model',
          role: 'assistant',
          content: { type: 'text', text: JSON.stringify(data) },
        };
      });
      const server = await startServer(projectRoot, [], { PATH: await fakeValidatorPath() }, client);
      try {
        const result = await server.call('track_run', {
          name: 'cassandra-keyspace',
          tool: 'crossplane',
          request: script.track.request,
          maxQuestions: 6,
        });
        const report = reportOf(result);
        // No elicitation offered: the Solutions Engineer's first question comes back as a step.
        expect(report.pending).toMatchObject([{ kind: 'question', persona: 'user' }]);
        expect(asked).toHaveLength(1);
        expect(asked[0].includeContext).toBe('none');
        expect(asked[0].systemPrompt).toContain('# Answer format');
        expect(server.stderr()).not.toContain('internal error');
      } finally {
        await server.close();
      }
    });
  },
);

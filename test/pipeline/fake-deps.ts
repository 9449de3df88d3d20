import { join } from 'node:path';
import type { ModelClient, ModelRequest, ModelResponse } from '../../providers/types.js';
import type { GateResult } from '../../src/gate/types.js';
import { openRepo } from '../../src/git/repo.js';
import type { PipelineDeps } from '../../src/pipeline/deps.js';

/** A scripted answer: the structured data the persona returns for this request. */
export type FakeAnswer = (request: ModelRequest, call: number) => unknown;

/** A fake ModelClient per persona, recording every request. */
export function fakeModels(script: Record<string, FakeAnswer>) {
  const requests: ModelRequest[] = [];
  const calls: Record<string, number> = {};
  const client = (persona: string): ModelClient => ({
    specificationVersion: 1,
    provider: 'fake',
    modelId: 'fake-model',
    async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
      requests.push(request as ModelRequest);
      const call = (calls[persona] = (calls[persona] ?? 0) + 1);
      const answer = script[persona];
      if (!answer) throw new Error(`no fake answer for ${persona}`);
      const data = request.output
        ? request.output.schema.parse(answer(request as ModelRequest, call))
        : undefined;
      return {
        text: JSON.stringify(data ?? ''),
        data: data as T,
        toolCalls: [],
        stopReason: 'end',
        usage: {
          inputTokens: 100,
          outputTokens: 50,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          model: 'fake-model',
          provider: 'fake',
          latencyMs: 1,
        },
      };
    },
  });
  return { client, requests };
}

const passing = (gate: GateResult['gate']) => async (): Promise<GateResult> => ({
  gate,
  status: 'passed',
  summary: `${gate} passed (fake)`,
});

/** Deps for tests: fake models, passing fake gates, scripted answers, a fixed clock, a real temp git repo. */
export function fakeDeps(
  projectRoot: string,
  overrides: Partial<PipelineDeps> & { script?: Record<string, FakeAnswer> } = {},
) {
  const models = fakeModels(overrides.script ?? {});
  const asked: string[] = [];
  let tick = 0;
  const deps: PipelineDeps = {
    projectRoot,
    personasDir: join(import.meta.dirname, '..', '..', 'personas'),
    modelFor: (persona) => models.client(persona.id),
    priceOf: () => undefined,
    gates: { validator: passing('validator'), verify: passing('verify'), policy: passing('policy') },
    ask: async (question) => {
      asked.push(question.key);
      return question.options[0] ?? 'yes';
    },
    repo: openRepo(projectRoot),
    now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + 1000 * tick++),
    lookupTools: async () => [],
    maxToolRounds: 3,
    progress: () => undefined,
    pid: process.pid,
    ...overrides,
  };
  return { deps, requests: models.requests, asked };
}

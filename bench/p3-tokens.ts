import { join } from 'node:path';
import { loadConstraints } from '../src/constraints/load.js';
import { loadEvalCases } from '../src/eval/load-cases.js';
import {
  SCRIPTED_LABEL,
  loadScriptedExchange,
  requestedOutputName,
  scriptedAnswer,
} from '../src/eval/scripted-exchange.js';
import { driveCase } from './lib/drive-case.js';
import { loadPersonas } from '../src/personas/load.js';
import { startMockModelServer } from '../test/support/mock-model-server.js';
import type { BenchContext } from './lib/bench-context.js';
import { emulatedIsolatedCalls } from './lib/emulated-pipeline.js';
import type { Figure } from './lib/figure.js';
import { growingConversation, type IsolatedCall } from './lib/growing-conversation.js';
import { postMessages } from './lib/mock-messages.js';
import { countRequestTokens, totalTokens } from './lib/request-tokens.js';
import { pairedRatios, summarize } from './lib/stats.js';
import { createCaseProject } from '../src/eval/case-project.js';

/** Where the isolated calls of one case come from: the real pipeline when it can be driven, else an emulation. */
export type IsolatedCallSource = (
  context: BenchContext,
  caseId: string,
) => Promise<{ calls: IsolatedCall[]; source: string }>;

/** Isolated calls built from the persona prompts the way call-persona.ts builds them. */
export const emulatedSource: IsolatedCallSource = async (context, caseId) => {
  const cases = await loadEvalCases(join(context.projectRoot, 'eval', 'cases'));
  const evalCase = cases.find((entry) => entry.id === caseId);
  if (!evalCase) throw new Error(`no eval case ${caseId}`);
  const exchange = await loadScriptedExchange(evalCase, join(context.projectRoot, 'eval', 'scripted'));
  const project = await createCaseProject(context.profile, evalCase.tool);
  const constraints = await loadConstraints(project);
  const personas = await loadPersonas(join(context.projectRoot, 'personas'));
  const mock = await startMockModelServer({ script: [{ reply: () => ({ json: {} }) }] });
  try {
    return {
      calls: await emulatedIsolatedCalls(mock.url, evalCase, exchange, personas, constraints),
      source: 'emulated isolated calls (persona prompts + constraints, as call-persona.ts builds them)',
    };
  } finally {
    await mock.close();
  }
};

/** Isolated calls recorded from the real pipeline (new → plan → implement) on a zero-latency mock. */
export const pipelineSource: IsolatedCallSource = async (context, caseId) => {
  const cases = await loadEvalCases(join(context.projectRoot, 'eval', 'cases'));
  const evalCase = cases.find((entry) => entry.id === caseId);
  if (!evalCase) throw new Error(`no eval case ${caseId}`);
  const exchange = await loadScriptedExchange(evalCase, join(context.projectRoot, 'eval', 'scripted'));
  const drive = await driveCase(context, caseId, { latencyMs: 0, events: ['START', 'PLAN', 'IMPLEMENT'] });
  let clarifyIndex = 0;
  const calls = drive.requests.map((request) => {
    const outputName = requestedOutputName(request.body);
    const lookupRound =
      outputName === undefined && Array.isArray(request.body?.tools) && request.body.tools.length > 0;
    const answer = lookupRound
      ? `No schema lookups needed. ${SCRIPTED_LABEL}`
      : scriptedAnswer(exchange, outputName, request.persona, outputName === 'clarify' ? clarifyIndex++ : 0);
    return { persona: request.persona ?? 'unknown', body: request.body, answer };
  });
  return {
    calls,
    source:
      'the real pipeline (in-process, new → plan → implement, real Anthropic adapter) recorded by the mock',
  };
};

/** The pipeline's own requests when it runs; the emulation otherwise (the reason is kept). */
export const defaultSource: IsolatedCallSource = async (context, caseId) => {
  try {
    return await pipelineSource(context, caseId);
  } catch (error) {
    const emulated = await emulatedSource(context, caseId);
    return {
      ...emulated,
      source: `${emulated.source}; the pipeline could not be driven: ${(error as Error).message.split('\n')[0]}`,
    };
  }
};

/**
 * P3: input tokens of the isolated calls against the same phases replayed as one growing
 * conversation, both counted from what the mock recorded with ceil(chars / 4).
 */
export async function measureTokens(
  context: BenchContext,
  source: IsolatedCallSource = defaultSource,
): Promise<Figure[]> {
  const caseIds = ['keyspaces-keyspace', 's3-secure-bucket-terraform', 'sqs-with-dlq'];
  const isolatedTotals: number[] = [];
  const conversationTotals: number[] = [];
  const isolatedUncached: number[] = [];
  const conversationUncached: number[] = [];
  const perCase: Record<string, unknown> = {};
  let sourceName = '';
  for (const caseId of caseIds) {
    const { calls, source: used } = await source(context, caseId);
    sourceName = used;
    const turns = growingConversation(calls);
    const mock = await startMockModelServer({
      script: [
        {
          reply: (_request, index) => {
            const answer = turns[index]?.answer ?? {};
            return typeof answer === 'string' ? { text: answer } : { json: answer };
          },
        },
      ],
    });
    try {
      for (const turn of turns) {
        await postMessages(mock.url, 'relay-conversation', {
          system: turn.system,
          messages: turn.messages,
          tools: turn.tools,
          tool_choice: turn.toolChoice,
        });
      }
      const isolated = totalTokens(calls.map((call) => countRequestTokens(call.body, 'marked')));
      const conversation = totalTokens(
        mock.requests.map((request) => countRequestTokens(request.body, 'conversation')),
      );
      isolatedTotals.push(isolated.input);
      conversationTotals.push(conversation.input);
      isolatedUncached.push(isolated.input - isolated.cacheEligible);
      conversationUncached.push(conversation.input - conversation.cacheEligible);
      perCase[caseId] = {
        calls: calls.length,
        isolated: { ...isolated, uncached: isolated.input - isolated.cacheEligible },
        conversation: { ...conversation, uncached: conversation.input - conversation.cacheEligible },
      };
    } finally {
      await mock.close();
    }
  }
  const ratios = pairedRatios(isolatedTotals, conversationTotals);
  const ratio = summarize(ratios);
  return [
    {
      id: 'P3',
      title: 'tokens',
      status: 'measured',
      ratio,
      ratioOf: 'isolated-call input tokens / growing-conversation input tokens (per case)',
      target: '<= 0.6x',
      met: ratio.median <= 0.6,
      details: {
        source: sourceName,
        uncachedRatio: summarize(pairedRatios(isolatedUncached, conversationUncached)),
        tokenizer: 'ceil(characters / 4) per system block, message and tool list',
        note: 'token counts are deterministic: the spread is across cases, not across repeated runs',
        cases: perCase,
      },
    },
  ];
}

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RelayEvent } from '../../machines/relay-types.js';
import { createAnthropicClient } from '../../providers/anthropic/anthropic-client.js';
import { SETTING_DEFAULTS } from '../../providers/settings.js';
import { createCaseProject } from '../../src/eval/case-project.js';
import { loadEvalCases } from '../../src/eval/load-cases.js';
import { createInProcessPipelineRunner } from '../../src/eval/pipeline-runner.js';
import { loadScriptedExchange } from '../../src/eval/scripted-exchange.js';
import { policyGate } from '../../src/policy/gate.js';
import { validatorGate } from '../../src/validators/gate.js';
import { verifyGate } from '../../src/verify/gate.js';
import { startMockModelServer, type RecordedRequest } from '../../test/support/mock-model-server.js';
import type { BenchContext } from './bench-context.js';
import { instrumentDeps } from './instrumented-deps.js';
import { createIntervalRecorder } from './intervals.js';
import { scriptedRules } from './scripted-rules.js';
import { countingSpawns } from './spawn-count.js';

/** One pipeline run on the mock: wall time, where the time went, and what the mock recorded. */
export interface CaseDrive {
  wallMs: number;
  outcome: string;
  /** Covered milliseconds per category (model, git, gate, verification, schema load, create-track). */
  breakdown: Record<string, number>;
  /** Wall time not covered by any timed category: file IO, state persistence, the statechart. */
  otherMs: number;
  /**
   * Wall time while no model call and no external validator runs: what the user waits on infrakit
   * itself. Work that overlaps a model call (a step commit made during the next step's call) is not in it.
   */
  ownMs: number;
  /** ownMs by category: each category's time outside the model calls and the validator; `other` is the rest. */
  ownBreakdown: Record<string, number>;
  requests: RecordedRequest[];
  /** Child processes the run started, by program (`git`, `tofu`…; `node` would be a process start-up inside the run). */
  spawns: Record<string, number>;
}

/** What a run waits on that is not infrakit: the model calls and the external validator. */
const WAITED_ON = ['model', 'gate (external validator)'];

/**
 * Runs the real pipeline in-process for one eval case against the loopback mock answering with the
 * case's scripted exchange after `latencyMs`, through the real Anthropic adapter.
 */
export async function driveCase(
  context: BenchContext,
  caseId: string,
  options: { latencyMs: number; events: RelayEvent['type'][]; serialReviews?: boolean },
): Promise<CaseDrive> {
  const cases = await loadEvalCases(join(context.projectRoot, 'eval', 'cases'));
  const evalCase = cases.find((entry) => entry.id === caseId);
  if (!evalCase) throw new Error(`no eval case ${caseId}`);
  const exchange = await loadScriptedExchange(evalCase, join(context.projectRoot, 'eval', 'scripted'));
  const projectRoot = await createCaseProject(context.profile, evalCase.tool);
  const mock = await startMockModelServer({ script: scriptedRules(exchange, options.latencyMs) });
  const recorder = createIntervalRecorder();
  try {
    const client = createAnthropicClient({
      ...SETTING_DEFAULTS,
      model: 'bench-mock',
      apiKey: 'mock-key',
      baseUrl: mock.anthropicBaseUrl,
      maxRetries: 0,
      retryBaseDelayMs: 0,
    });
    const runner = createInProcessPipelineRunner({
      personasDir: join(context.projectRoot, 'personas'),
      events: options.events,
      adjust: (deps) => instrumentDeps(deps, recorder, { serialReviews: options.serialReviews }),
      onTiming: (phase, milliseconds) => {
        const end = performance.now();
        if (phase === 'create-track')
          recorder.add('load (constraints, personas, track folder)', end - milliseconds, end);
      },
    });
    const started = performance.now();
    const {
      result: { outcome },
      spawns,
    } = await countingSpawns(() =>
      runner({
        evalCase,
        projectRoot,
        modelFor: () => client,
        gates: { verify: verifyGate, policy: policyGate, validator: validatorGate },
      }),
    );
    const wallMs = performance.now() - started;
    const breakdown = recorder.totals();
    const covered = recorder.coveredTotal();
    const waited = recorder.coveredBy(WAITED_ON);
    const ownMs = Math.max(0, wallMs - waited);
    const outside = recorder.totalsOutside(WAITED_ON);
    const outsideTotal = Math.max(0, covered - waited);
    return {
      wallMs,
      outcome,
      breakdown,
      otherMs: Math.max(0, wallMs - covered),
      ownMs,
      ownBreakdown: { ...outside, 'other (file IO, state, statechart)': Math.max(0, ownMs - outsideTotal) },
      requests: [...mock.requests],
      spawns,
    };
  } finally {
    await mock.close();
  }
}

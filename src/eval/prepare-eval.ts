import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KEY_VARIABLES, resolveProviderSettings } from '../../providers/config.js';
import { costOf } from '../../providers/pricing.js';
import { ConfigError, UsageError } from '../errors/index.js';
import { policyGate } from '../policy/gate.js';
import { packageRoot } from '../util/package-root.js';
import { validatorGate } from '../validators/gate.js';
import { verifyGate } from '../verify/gate.js';
import { liveClientFactory, replayClientFactory } from './clients.js';
import { loadEvalCases } from './load-cases.js';
import { sharedSchemaSources } from './shared-schemas.js';
import { createInProcessPipelineRunner } from './pipeline-runner.js';
import { writeRecording } from './recordings.js';
import type { EvalDependencies } from './run-eval.js';

/** Inputs of `infrakit eval`, after the CLI parsed its flags. */
export interface PrepareEvalOptions {
  provider?: string;
  model?: string;
  baseUrl?: string;
  cases?: string;
  runs: number;
  out?: string;
  only?: string;
  recordTo?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  progress(message: string): void;
}

/** Either everything the run needs, or the news that no key is set (not an error: exit 0). */
export type PreparedEval =
  | { kind: 'ready'; dependencies: EvalDependencies; outputBase: string }
  | { kind: 'no-key'; message: string; hint: string };

function isMissingKey(error: unknown): error is ConfigError {
  return (
    ConfigError.isInstance(error) &&
    Object.values(KEY_VARIABLES).some(
      (variable) => variable !== undefined && error.message.startsWith(`${variable} is not set`),
    )
  );
}

/** Loads the cases, resolves the provider (replay or live) and builds the eval dependencies. */
export async function prepareEval(options: PrepareEvalOptions): Promise<PreparedEval> {
  const casesDirectory = resolve(options.cwd, options.cases ?? join(packageRoot(), 'eval', 'cases'));
  let cases = await loadEvalCases(casesDirectory);
  if (options.only) {
    const wanted = options.only.split(',').map((id) => id.trim());
    const unknown = wanted.filter((id) => !cases.some((entry) => entry.id === id));
    if (unknown.length > 0)
      throw new UsageError(`--only: no case named ${unknown.join(', ')} in ${casesDirectory}`, {
        hint: `Cases: ${cases.map((entry) => entry.id).join(', ')}`,
      });
    cases = cases.filter((entry) => wanted.includes(entry.id));
  }
  const replay = options.provider === 'replay';
  let clientFactory;
  let provider = 'replay';
  let model = 'scripted recordings';
  if (replay) {
    clientFactory = replayClientFactory(casesDirectory);
  } else {
    try {
      const resolved = await resolveProviderSettings({
        flags: { provider: options.provider, model: options.model, baseUrl: options.baseUrl },
        env: options.env,
        projectDir: options.cwd,
      });
      clientFactory = liveClientFactory(resolved);
      provider = resolved.provider;
      model = resolved.model;
    } catch (error) {
      if (isMissingKey(error))
        return { kind: 'no-key', message: `eval: ${error.message}`, hint: error.hint ?? '' };
      throw error;
    }
  }
  const recordTo = options.recordTo ? resolve(options.cwd, options.recordTo) : undefined;
  const dependencies: EvalDependencies = {
    cases,
    profileDirectory: join(casesDirectory, 'project'),
    clientFactory,
    runPipeline: createInProcessPipelineRunner({ personasDir: join(packageRoot(), 'personas') }),
    gates: { verify: verifyGate, policy: policyGate, validator: validatorGate },
    priceOf: (usage) => costOf(usage),
    provider,
    model,
    scripted: replay,
    runs: options.runs,
    now: () => Date.now(),
    workDirectory: await mkdtemp(join(tmpdir(), 'infrakit-eval-')),
    schemaSources: (tool) => sharedSchemaSources(packageRoot(), tool),
    progress: options.progress,
    onMeter: recordTo
      ? async (evalCase, subject, meter) =>
          writeRecording(join(recordTo, `${evalCase.id}.${subject}.json`), meter.exchanges(), {
            scripted: replay,
            description: `${evalCase.id} · ${subject} · ${provider} ${model} · ${new Date().toISOString()}`,
          })
      : undefined,
  };
  return {
    kind: 'ready',
    dependencies,
    outputBase: resolve(options.cwd, options.out ?? join('eval', 'results')),
  };
}

import { join } from 'node:path';
import { createAnthropicClient } from '../providers/anthropic/anthropic-client.js';
import { SETTING_DEFAULTS } from '../providers/settings.js';
import { policyGate } from '../src/policy/gate.js';
import { validatorGate } from '../src/validators/gate.js';
import { verifyGate } from '../src/verify/gate.js';
import { recordingFile } from '../src/eval/clients.js';
import { loadEvalCases } from '../src/eval/load-cases.js';
import { sharedSchemaSources } from '../src/eval/shared-schemas.js';
import { createInProcessPipelineRunner } from '../src/eval/pipeline-runner.js';
import { writeRecording } from '../src/eval/recordings.js';
import { runEval } from '../src/eval/run-eval.js';
import { loadScriptedExchange } from '../src/eval/scripted-exchange.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startMockModelServer, type MockModelServer } from '../test/support/mock-model-server.js';
import { scriptedRules } from './lib/scripted-rules.js';

/**
 * Makes the scripted replay recordings of the eval cases (eval/cases/recordings/): runs the real
 * pipeline and the baseline against the loopback mock answering with eval/scripted/, and writes what
 * the real Anthropic adapter received, usage included, labelled `scripted: true`.
 */
export async function recordEvalCases(projectRoot: string): Promise<number> {
  const casesDirectory = join(projectRoot, 'eval', 'cases');
  const cases = await loadEvalCases(casesDirectory);
  // A fresh mock per subject run, so its prompt-cache estimate starts cold for every run.
  let mock: MockModelServer | undefined;
  try {
    const report = await runEval({
      cases,
      profileDirectory: join(casesDirectory, 'project'),
      clientFactory: async (evalCase) => {
        await mock?.close();
        mock = await startMockModelServer({
          script: scriptedRules(await loadScriptedExchange(evalCase, join(projectRoot, 'eval', 'scripted'))),
        });
        const client = createAnthropicClient({
          ...SETTING_DEFAULTS,
          model: 'scripted-mock',
          apiKey: 'mock-key',
          baseUrl: mock.anthropicBaseUrl,
          maxRetries: 0,
          retryBaseDelayMs: 0,
        });
        return () => client;
      },
      runPipeline: createInProcessPipelineRunner({ personasDir: join(projectRoot, 'personas') }),
      gates: { verify: verifyGate, policy: policyGate, validator: validatorGate },
      priceOf: () => undefined,
      provider: 'anthropic (loopback mock)',
      model: 'scripted-mock',
      scripted: true,
      runs: 1,
      now: () => Date.now(),
      workDirectory: await mkdtemp(join(tmpdir(), 'infrakit-record-')),
      schemaSources: (tool) => sharedSchemaSources(projectRoot, tool),
      progress: (message) => process.stderr.write(`${message}\n`),
      onMeter: async (evalCase, subject, meter) =>
        writeRecording(recordingFile(casesDirectory, evalCase.id, subject), meter.exchanges(), {
          scripted: true,
          description: `SCRIPTED fixture for eval case ${evalCase.id} (${subject}): hand-written answers from eval/scripted/, not a live model. Usage is the mock's ceil(chars/4) estimate of the real requests.`,
        }),
    });
    for (const entry of report.cases) {
      for (const subject of ['pipeline', 'baseline'] as const) {
        const result = entry[subject];
        process.stdout.write(
          `${entry.caseId} ${subject}: ${result.outcome}${result.error ? ` (${result.error})` : ''}, ${result.tokens.calls} call(s)\n`,
        );
      }
    }
    return report.cases.some((entry) => entry.pipeline.error || entry.baseline.error) ? 1 : 0;
  } finally {
    await mock?.close();
  }
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Gate, GateName, GateResult } from '../gate/types.js';
import type { PipelineGates } from '../pipeline/deps.js';
import type { DemoListener } from './demo-events.js';

/**
 * The three real gates (external validator, field verification, policy), each reporting its full
 * result as it finishes. `sharedDirectory` is where the provider CRDs were found: the demo project
 * lives in a temporary folder, so the validator cannot find ../shared by walking up from it.
 */
export async function demoGates(
  variables: NodeJS.ProcessEnv,
  sharedDirectory: string | undefined,
  listener: DemoListener,
): Promise<PipelineGates> {
  const [
    { createValidatorGate },
    { processValidatorEnvironment },
    { verifyGate },
    { createPolicyGate },
    { parseSources },
  ] = await Promise.all([
    import('../validators/gate.js'),
    import('../validators/validator-environment.js'),
    import('../verify/gate.js'),
    import('../policy/gate.js'),
    import('../iac/parse.js'),
  ]);
  const environment = { ...processValidatorEnvironment(variables), sharedDirectory };
  const policy = createPolicyGate({
    parse: (files, root) => parseSources(files, { root }),
    readSpec: async (input) =>
      input.trackDir
        ? readFile(join(input.projectRoot, input.trackDir, 'spec.md'), 'utf8').catch(() => undefined)
        : undefined,
  });
  const reported =
    (name: GateName, gate: Gate): Gate =>
    async (input) => {
      const result: GateResult = await gate(input).catch((error: unknown) => ({
        gate: name,
        status: 'failed',
        summary: `the ${name} gate crashed`,
        output: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }));
      listener({ kind: 'gate', result });
      return result;
    };
  return {
    validator: reported('validator', createValidatorGate({ environment })),
    verify: reported('verify', verifyGate),
    policy: reported('policy', policy),
  };
}

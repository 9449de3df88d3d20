import type { GateInput, GateResult } from '../gate/types.js';
import type { PinnedTools } from './pinned-tools.js';
import type { DetectedValidator } from './detect.js';
import type { ValidatorEnvironment } from './validator-environment.js';

/** What one validator runner returns: a gate result without the gate name. */
export type ValidatorOutcome = Omit<GateResult, 'gate'>;

/** What a runner needs: the gate input, the injected environment and the pins. */
export interface RunnerContext {
  input: GateInput;
  environment: ValidatorEnvironment;
  pinned: PinnedTools;
}

/** One external validator (crossplane render + beta validate, tofu/terraform, cfn-lint). */
export type ValidatorRunner = (context: RunnerContext) => Promise<ValidatorOutcome>;

/** The honest result when a needed tool is not installed: never passed, with the install command. */
export function toolMissing(missing: DetectedValidator, why: string, ran: string[] = []): ValidatorOutcome {
  return {
    status: 'unavailable',
    summary: `${missing.name} ${missing.pinnedVersion} is not installed (${missing.binaries.join(' or ')} not on PATH or in .tools/bin): ${why}`,
    installHint: missing.installCommand,
    ran,
  };
}

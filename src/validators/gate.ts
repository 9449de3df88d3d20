import type { CodingStyle } from '../constraints/schema.js';
import type { Gate, GateInput, GateResult } from '../gate/types.js';
import { cfnLintRunner } from './cfn-lint-runner.js';
import { crossplaneRunner } from './crossplane-runner.js';
import { loadPinnedTools, type PinnedTools } from './pinned-tools.js';
import type { ValidatorRunner } from './runner.js';
import { terraformRunner } from './terraform-runner.js';
import { processValidatorEnvironment, type ValidatorEnvironment } from './validator-environment.js';

/** The runner for each validator named in coding-style.md. */
export const RUNNERS: Record<CodingStyle['validator'], ValidatorRunner> = {
  'crossplane-render': crossplaneRunner,
  'tofu-validate': terraformRunner,
  'terraform-validate': terraformRunner,
  'cfn-lint': cfnLintRunner,
};

const DEFAULT_VALIDATOR: Record<GateInput['tool'], CodingStyle['validator']> = {
  crossplane: 'crossplane-render',
  terraform: 'tofu-validate',
  cloudformation: 'cfn-lint',
};

/** The validator for a track: coding-style's validator when it fits the tool, else the tool's default. */
export function chooseValidator(input: Pick<GateInput, 'tool' | 'constraints'>): CodingStyle['validator'] {
  const configured = input.constraints.codingStyle.validator;
  const fits =
    configured === DEFAULT_VALIDATOR[input.tool] ||
    (input.tool === 'terraform' && configured === 'terraform-validate');
  return fits ? configured : DEFAULT_VALIDATOR[input.tool];
}

export interface ValidatorGateOptions {
  environment?: ValidatorEnvironment;
  pinned?: PinnedTools;
  runners?: Partial<typeof RUNNERS>;
}

/**
 * Builds the external validator gate. `passed` only when the tool really ran and accepted the code;
 * `unavailable` (with the install command) when it is missing; `failed` with the tool's own output.
 */
export function createValidatorGate(options: ValidatorGateOptions = {}): Gate {
  return async (input: GateInput): Promise<GateResult> => {
    const environment = options.environment ?? processValidatorEnvironment();
    const pinned = options.pinned ?? (await loadPinnedTools());
    const validator = chooseValidator(input);
    const runner = options.runners?.[validator] ?? RUNNERS[validator];
    const outcome = await runner({ input, environment, pinned });
    const ran = outcome.ran ?? [];
    if (outcome.status === 'passed' && ran.length === 0) {
      return {
        gate: 'validator',
        status: 'unavailable',
        summary: `${validator}: nothing ran, so nothing passed`,
        ran,
      };
    }
    return { gate: 'validator', ...outcome, summary: `${validator}: ${outcome.summary}`, ran };
  };
}

/** The external validator gate for the current process (the user's PATH, infrakit's own .tools/bin, ../shared; never the project's .tools/bin). */
export const validatorGate: Gate = (input) => createValidatorGate()(input);

/** The validators' public surface: the gate, detection for `infrakit doctor`, and the pins. */
export { createValidatorGate, validatorGate, chooseValidator, RUNNERS } from './gate.js';
export { detectValidators, detectValidator, describeDetected, type DetectedValidator } from './detect.js';
export { loadPinnedTools, parsePinnedTools, type PinnedTool, type PinnedTools } from './pinned-tools.js';
export { processValidatorEnvironment, type ValidatorEnvironment } from './validator-environment.js';
export { ValidatorError, formatValidatorFailure } from './validator-error.js';

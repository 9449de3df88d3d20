import type { UnknownValue } from '../iac/resource-model.js';
import type { Violation } from './rule.js';

/**
 * A rule that cannot evaluate a value (a go-template action, an intrinsic, a Terraform expression)
 * reports it as its own kind of finding: severity info, kind `cannot-see`, never a pass and never a
 * violation. The message names the value and what the rule could not check.
 */
export function cannotSee(
  what: string,
  value: UnknownValue | string,
  where: { fieldPath?: string; line?: number },
  fix: string,
): Violation {
  const expression = typeof value === 'string' ? value : value.expression;
  return {
    ...where,
    kind: 'cannot-see',
    severity: 'info',
    message: `cannot see ${what}: it comes from ${expression}, which the policy cannot evaluate`,
    fix,
  };
}

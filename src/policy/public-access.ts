import type { Environment } from '../constraints/schema.js';
import type { RuleContext } from './rule.js';

/** Public access is forbidden where the baseline says so or the network is private-only. */
export const publicAccessForbidden = (environment: Environment, context?: RuleContext): boolean =>
  !environment.publicAccess || context?.constraints.context.network?.privateOnly === true;

import type { Environment } from '../constraints/schema.js';
import type { Severity } from '../findings/finding.js';

/**
 * Whether an environment is production-like: its baseline asks for deletion protection or Multi-AZ.
 * Controls the baseline has no switch for (TLS in transit, logging, input documentation) are judged
 * more strictly there.
 */
export const productionLike = (environment: Environment): boolean =>
  environment.deletionProtection || environment.multiAz;

/** A severity for production-like environments and another for the rest. */
export const byProductionLike =
  (production: Severity, otherwise: Severity) =>
  (environment: Environment): Severity =>
    productionLike(environment) ? production : otherwise;

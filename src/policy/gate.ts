import { notYetAvailable } from '../gate/not-available.js';
import type { Gate } from '../gate/types.js';

/** Constraint policy gate (replaced by the policy issue's implementation). */
export const policyGate: Gate = async () => notYetAvailable('policy', 'the constraint policy engine');

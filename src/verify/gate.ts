import { notYetAvailable } from '../gate/not-available.js';
import type { Gate } from '../gate/types.js';

/** Field verification gate (replaced by the verify issue's implementation). */
export const verifyGate: Gate = async () => notYetAvailable('verify', 'the field verifier');

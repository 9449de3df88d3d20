import { notYetAvailable } from '../gate/not-available.js';
import type { Gate } from '../gate/types.js';

/** External validator gate (replaced by the validators issue's implementation). */
export const validatorGate: Gate = async () => notYetAvailable('validator', 'the external validator runner');

import type { GateName, GateResult } from './types.js';

/** The honest answer of a gate whose implementation has not landed: it never passes. */
export function notYetAvailable(gate: GateName, what: string): GateResult {
  return {
    gate,
    status: 'unavailable',
    summary: `${what} is not yet available in this build of infrakit; the track cannot be done`,
  };
}

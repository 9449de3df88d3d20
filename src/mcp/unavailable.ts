import { BlockedError } from '../errors/index.js';

/** The error a tool returns when the module behind it is not part of this build. Never a silent pass. */
export function notAvailable(tool: string, what: string): BlockedError {
  return new BlockedError(`${tool}: ${what} is not available in this build of infrakit`, {
    hint: 'Upgrade infrakit; until then this check cannot run, so do not treat the code as checked.',
  });
}

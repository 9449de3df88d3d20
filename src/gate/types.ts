import type { Constraints } from '../constraints/load.js';
import type { IacTool } from '../constraints/schema.js';
import type { Finding } from '../findings/finding.js';

/**
 * The gate that guards `done`: the external validator, the field verifier and the constraint
 * policy each return a GateResult. Only a run where every gate `passed` may reach `done`.
 */
export interface GateInput {
  projectRoot: string;
  tool: IacTool;
  /** Generated files, relative to projectRoot. */
  files: string[];
  constraints: Constraints;
  /** Target environment of the track, when known. */
  environment?: string;
  /** The track folder relative to projectRoot (spec.md lives there), when the gate runs for a track. */
  trackDir?: string;
  signal?: AbortSignal;
}

export type GateName = 'validator' | 'verify' | 'policy';

export interface GateResult {
  gate: GateName;
  /** `unavailable`: the check could not run (tool missing, not built yet); never counts as passed. */
  status: 'passed' | 'failed' | 'unavailable';
  /** One line for the user. */
  summary: string;
  /** The tool's own output, quoted verbatim, when a tool ran. */
  output?: string;
  findings?: Finding[];
  /** Exact command that would make an unavailable gate runnable. */
  installHint?: string;
  /** Which tools ran, with versions, e.g. `crank v2.2.4`. */
  ran?: string[];
}

export type Gate = (input: GateInput) => Promise<GateResult>;

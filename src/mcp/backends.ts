import type { Finding } from '../findings/finding.js';
import type { ReviewDependencies } from '../review/run-review.js';
import type { LookupTool } from '../schemas/lookup-tools.js';

export type { LookupTool };

/** What the field verifier returns for files or text. */
export interface VerifyOutcome {
  findings: Finding[];
  /** The verifier's own one-line summary. */
  summary?: unknown;
  /** Resources that need a schema, and the schema each checked one was checked against. */
  checkable?: number;
  checked?: Array<{ source: { name: string } }>;
}

/**
 * The modules behind the MCP tools that a build may lack or a test may replace: the schema lookups
 * and the field verifier. A missing entry makes its tools answer "not available in this build".
 */
export interface McpBackends {
  createLookupTools?(projectRoot: string): LookupTool[] | Promise<LookupTool[]>;
  verifyPaths?(paths: string[], options: { projectRoot: string }): Promise<VerifyOutcome>;
  verifyText?(text: string, fileName: string, options: { projectRoot: string }): Promise<VerifyOutcome>;
  /**
   * How `review` of a path finds and runs cfn-lint by itself over CloudFormation files, as
   * `infrakit review` does (the user's PATH or infrakit's own tools, never the project's; no keys).
   * Missing: the automatic run is left out.
   */
  externalTools?: Required<Pick<ReviewDependencies, 'run' | 'locate'>>;
}

/** The real modules, the same ones `infrakit verify` and `infrakit schema` use, imported lazily. */
export async function defaultBackends(): Promise<McpBackends> {
  const [verify, lookups, tools] = await Promise.all([
    import('../verify/verify-paths.js'),
    import('../schemas/lookup-tools.js'),
    import('../review/external-tool-runner.js'),
  ]);
  return {
    verifyPaths: verify.verifyPaths,
    verifyText: verify.verifyText,
    createLookupTools: (projectRoot) => lookups.createLookupTools(projectRoot),
    externalTools: { run: tools.runCommand, locate: tools.locateExternalTool },
  };
}

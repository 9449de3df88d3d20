import type { Finding } from '../findings/finding.js';
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
}

/** The real modules, the same ones `infrakit verify` and `infrakit schema` use, imported lazily. */
export async function defaultBackends(): Promise<McpBackends> {
  const [verify, lookups] = await Promise.all([
    import('../verify/verify-paths.js'),
    import('../schemas/lookup-tools.js'),
  ]);
  return {
    verifyPaths: verify.verifyPaths,
    verifyText: verify.verifyText,
    createLookupTools: (projectRoot) => lookups.createLookupTools(projectRoot),
  };
}

import type { z } from 'zod';
import type { Finding } from '../findings/finding.js';

/** A schema lookup tool as the schemas module defines it for the personas (same code path). */
export interface LookupTool {
  definition: { name: string; description: string; parameters: z.ZodType };
  run(input: unknown): Promise<string>;
}

/** What the field verifier returns for files or text. */
export interface VerifyOutcome {
  findings: Finding[];
  /** The verifier's own one-line summary. */
  summary?: unknown;
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
  const verify = await import('../verify/verify-paths.js');
  return { verifyPaths: verify.verifyPaths, verifyText: verify.verifyText };
}

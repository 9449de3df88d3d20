import type { Finding } from '../findings/finding.js';

/** The verifier's entry point, as `review` calls it. */
export type VerifyPaths = (
  paths: string[],
  options: { projectRoot: string },
) => Promise<{
  findings: Finding[];
  summary?: unknown;
  checkable?: number;
  checked?: Array<{ source: { name: string } }>;
}>;

/**
 * Loads the field verifier lazily (review without it is still useful), or says why it could not be
 * loaded. Never pretends: a verifier that fails to load is reported as unavailable with the reason.
 */
export async function loadVerifier(): Promise<{ verifyPaths: VerifyPaths } | { unavailable: string }> {
  try {
    const module = await import('../verify/verify-paths.js');
    return { verifyPaths: module.verifyPaths as VerifyPaths };
  } catch (error) {
    return {
      unavailable: `the verifier failed to load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

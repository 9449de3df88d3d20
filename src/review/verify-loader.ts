import type { Finding } from '../findings/finding.js';

/** The verifier's entry point, as the verify issue defines it. */
export type VerifyPaths = (
  paths: string[],
  options: { projectRoot: string },
) => Promise<{ findings: Finding[]; summary?: unknown }>;

/** Where the verify module may live; the first that exports `verifyPaths` is used. */
const CANDIDATES = ['../verify/index.js', '../verify/verify-paths.js', '../verify/verify.js'];

/** Finds `verifyPaths` in this build, or says why it is unavailable. Never pretends. */
export async function loadVerifier(): Promise<{ verifyPaths: VerifyPaths } | { unavailable: string }> {
  for (const candidate of CANDIDATES) {
    try {
      const module = (await import(new URL(candidate, import.meta.url).href)) as { verifyPaths?: unknown };
      if (typeof module.verifyPaths === 'function') return { verifyPaths: module.verifyPaths as VerifyPaths };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND')
        return {
          unavailable: `the verifier failed to load: ${error instanceof Error ? error.message : String(error)}`,
        };
    }
  }
  return { unavailable: 'the field verifier (src/verify verifyPaths) is not in this build of infrakit' };
}

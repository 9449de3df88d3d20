import type { PinnedTools } from './pinned-tools.js';
import { detectValidator, type DetectedValidator } from './detect.js';
import type { ValidatorEnvironment } from './validator-environment.js';

/** A validator binary that is present, with the version to show in `ran`. */
export interface LocatedTool {
  name: string;
  path: string;
  version?: string;
  /** `crank v2.2.4`, `function-go-templating (version not reported; pinned v0.12.2)`. */
  label: string;
}

/** The located tool, or the detection result explaining why it is missing. */
export async function locateTool(
  name: string,
  pinned: PinnedTools,
  environment: ValidatorEnvironment,
  projectRoot: string,
): Promise<{ tool: LocatedTool } | { missing: DetectedValidator }> {
  const detected = await detectValidator(name, pinned, environment, projectRoot);
  if (!detected.present || !detected.path) return { missing: detected };
  const label = detected.version
    ? `${name} ${detected.version}`
    : `${name} (version not reported; pinned ${detected.pinnedVersion})`;
  return { tool: { name, path: detected.path, version: detected.version, label } };
}

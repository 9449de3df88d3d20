import type { PinnedTools } from './pinned-tools.js';
import { missingValidator, type DetectedValidator } from './detect.js';
import { findBinary } from './find-binary.js';
import { readToolVersion } from './tool-version.js';
import { searchDirectories, toolVariables, type ValidatorEnvironment } from './validator-environment.js';

/** A validator binary that is present, with the version to show in `ran`. */
export interface LocatedTool {
  name: string;
  path: string;
  version?: string;
  /** `crank v2.2.4`, `function-go-templating (version not reported; pinned v0.12.2)`. */
  label: string;
}

/** A binary found on the search path whose version is still being asked (a process start). */
export interface FoundTool {
  path: string;
  /** Settles with the located tool; never rejects (a version that cannot be read is left out). */
  located: Promise<LocatedTool>;
}

/**
 * Finds the pinned tool's binary and starts asking its version without waiting for the answer, so
 * a runner can start its own run of the binary beside it; or the detection result explaining why
 * it is missing.
 */
export async function findTool(
  name: string,
  pinned: PinnedTools,
  environment: ValidatorEnvironment,
  projectRoot: string,
): Promise<{ found: FoundTool } | { missing: DetectedValidator }> {
  const pin = pinned[name];
  if (!pin) throw new Error(`tools/versions.json has no entry named ${name}`);
  const path = await findBinary(pin.binaries, searchDirectories(environment, projectRoot));
  // Not found: the detection result is built from the pin, without searching the folders again.
  if (!path) return { missing: missingValidator(name, pinned) };
  return {
    found: foundTool(name, path, pin.versionArgs, toolVariables(environment, projectRoot), (version) =>
      version ? `${name} ${version}` : `${name} (version not reported; pinned ${pin.version})`,
    ),
  };
}

/** `path` with its version question started now; `labelOf` names the tool for `ran`. */
export function foundTool(
  name: string,
  path: string,
  versionArgs: readonly string[],
  variables: Record<string, string | undefined>,
  labelOf: (version: string | undefined) => string,
): FoundTool {
  const located = readToolVersion(path, versionArgs, variables)
    .catch(() => undefined)
    .then((version) => ({ name, path, version, label: labelOf(version) }));
  return { path, located };
}

/** The located tool, or the detection result explaining why it is missing. */
export async function locateTool(
  name: string,
  pinned: PinnedTools,
  environment: ValidatorEnvironment,
  projectRoot: string,
): Promise<{ tool: LocatedTool } | { missing: DetectedValidator }> {
  const result = await findTool(name, pinned, environment, projectRoot);
  return 'missing' in result ? result : { tool: await result.found.located };
}

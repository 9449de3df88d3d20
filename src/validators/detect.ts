import { loadPinnedTools, type PinnedTools } from './pinned-tools.js';
import { findBinary } from './find-binary.js';
import { readToolVersion, sameVersion } from './tool-version.js';
import { searchDirectories, toolVariables, type ValidatorEnvironment } from './validator-environment.js';

/** What `infrakit doctor` shows for one validator. */
export interface DetectedValidator {
  name: string;
  pinnedVersion: string;
  present: boolean;
  /** Absolute path of the binary found, when present. */
  path?: string;
  /** The version the binary reports; undefined when it reports none (function-go-templating). */
  version?: string;
  /** True when the binary reports the pinned version (or reports none but is present). */
  matchesPin: boolean;
  /** The exact command that installs the pinned version. */
  installCommand: string;
  /** The binaries searched for, e.g. crank and crossplane. */
  binaries: string[];
}

export interface DetectOptions {
  projectRoot?: string;
  /** Pinned tools; read from tools/versions.json when absent. */
  pinned?: PinnedTools;
}

/** Looks up one pinned tool on the user's PATH (then infrakit's own .tools/bin, never the project's) and asks it for its version. */
export async function detectValidator(
  name: string,
  pinned: PinnedTools,
  environment: ValidatorEnvironment,
  projectRoot?: string,
): Promise<DetectedValidator> {
  const tool = pinned[name];
  if (!tool) throw new Error(`tools/versions.json has no entry named ${name}`);
  const path = await findBinary(tool.binaries, searchDirectories(environment, projectRoot));
  const version = path
    ? await readToolVersion(path, tool.versionArgs, toolVariables(environment, projectRoot))
    : undefined;
  const reportsVersion = tool.versionArgs.length > 0;
  return {
    name,
    pinnedVersion: tool.version,
    present: path !== undefined,
    path,
    version,
    matchesPin: path !== undefined && (reportsVersion ? sameVersion(version, tool.version) : true),
    installCommand: tool.install,
    binaries: tool.binaries,
  };
}

/** The detection result of a pinned tool none of whose binaries is on the searched folders. */
export function missingValidator(name: string, pinned: PinnedTools): DetectedValidator {
  const tool = pinned[name];
  if (!tool) throw new Error(`tools/versions.json has no entry named ${name}`);
  return {
    name,
    pinnedVersion: tool.version,
    present: false,
    matchesPin: false,
    installCommand: tool.install,
    binaries: tool.binaries,
  };
}

/** Every pinned validator's presence, version and install command, for `infrakit doctor`. */
export async function detectValidators(
  environment: ValidatorEnvironment,
  options: DetectOptions = {},
): Promise<DetectedValidator[]> {
  const pinned = options.pinned ?? (await loadPinnedTools());
  return Promise.all(
    Object.keys(pinned).map((name) => detectValidator(name, pinned, environment, options.projectRoot)),
  );
}

/** One line per tool, e.g. `cfn-lint 1.51.0 (/usr/bin/cfn-lint)` or `crank missing: go install ...`. */
export function describeDetected(tool: DetectedValidator): string {
  if (!tool.present) return `${tool.name} missing (pinned ${tool.pinnedVersion}): ${tool.installCommand}`;
  const version = tool.version ?? 'version not reported';
  const pin = tool.matchesPin ? '' : ` (pinned ${tool.pinnedVersion}; reinstall: ${tool.installCommand})`;
  return `${tool.name} ${version} at ${tool.path}${pin}`;
}

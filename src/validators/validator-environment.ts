import { delimiter, join } from 'node:path';

/**
 * Everything the validator runners take from the outside world, injected so tests can point
 * them at fake binaries and an empty PATH.
 */
export interface ValidatorEnvironment {
  /** The PATH searched for validator binaries (the project's .tools/bin is searched first). */
  path: string;
  /** Environment passed to the tools (PATH is replaced by `path`). */
  variables: Record<string, string | undefined>;
  /** Folder that holds `crds/` (the shared CRDs); found from the project root when absent. */
  sharedDirectory?: string;
  /** Temporary folder for rendered output, caches and copies; os.tmpdir() when absent. */
  temporaryDirectory?: string;
  /** Upper bound for one tool run, in milliseconds. */
  timeoutMs?: number;
}

/** The environment of the current process. */
export function processValidatorEnvironment(
  variables: Record<string, string | undefined> = process.env,
): ValidatorEnvironment {
  return { path: variables.PATH ?? '', variables, sharedDirectory: variables.INFRAKIT_SHARED_DIR };
}

/** The folders searched for a binary, in order: <projectRoot>/.tools/bin, then PATH. */
export function searchDirectories(environment: ValidatorEnvironment, projectRoot?: string): string[] {
  const fromPath = environment.path.split(delimiter).filter(Boolean);
  return projectRoot ? [join(projectRoot, '.tools', 'bin'), ...fromPath] : fromPath;
}

/** The variables a tool runs with: the injected ones, with PATH set to the searched folders. */
export function toolVariables(
  environment: ValidatorEnvironment,
  projectRoot?: string,
): Record<string, string | undefined> {
  return { ...environment.variables, PATH: searchDirectories(environment, projectRoot).join(delimiter) };
}

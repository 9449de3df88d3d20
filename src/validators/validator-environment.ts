import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { childEnvironment } from '../secrets/child-environment.js';

/**
 * Everything the validator runners take from the outside world, injected so tests can point
 * them at fake binaries and an empty PATH.
 */
export interface ValidatorEnvironment {
  /** The user's PATH, searched for validator binaries (never a folder of the project). */
  path: string;
  /** Environment passed to the tools (PATH is replaced by `path`; model keys are removed). */
  variables: Record<string, string | undefined>;
  /** Folder that holds `crds/` (the shared CRDs); found from the project root when absent. */
  sharedDirectory?: string;
  /** Temporary folder for rendered output, caches and copies; os.tmpdir() when absent. */
  temporaryDirectory?: string;
  /** Upper bound for one tool run, in milliseconds. */
  timeoutMs?: number;
  /** infrakit's own tool folder (`<install>/.tools/bin`), searched after the PATH; none when absent. */
  ownToolsDirectory?: string;
}

/** The environment of the current process. */
export function processValidatorEnvironment(
  variables: Record<string, string | undefined> = process.env,
): ValidatorEnvironment {
  return {
    path: variables.PATH ?? '',
    variables,
    sharedDirectory: variables.INFRAKIT_SHARED_DIR,
    ownToolsDirectory: infrakitToolsDirectory(),
  };
}

let ownTools: string | undefined | null = null;

/** `<infrakit's install folder>/.tools/bin`: the folder holding its package.json, from this module up. */
export function infrakitToolsDirectory(): string | undefined {
  if (ownTools !== null) return ownTools;
  let directory = import.meta.dirname;
  ownTools = undefined;
  for (;;) {
    if (
      existsSync(join(directory, 'package.json')) &&
      existsSync(join(directory, 'tools', 'versions.json'))
    ) {
      ownTools = join(directory, '.tools', 'bin');
      break;
    }
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return ownTools;
}

const lexicallyInside = (folder: string, candidate: string): boolean => {
  const path = relative(folder, candidate);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};

/** The path with its symlinks resolved, or as written when it does not exist. */
const realOrResolved = (path: string): string => {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
};

/**
 * Whether a path lies inside `folder`, as written or once symlinks are resolved (a PATH entry linked
 * into the project). The folder's own forms are worked out once, not for every entry checked.
 */
const insideOf = (folder: string): ((candidate: string) => boolean) => {
  const written = resolve(folder);
  const real = realOrResolved(folder);
  return (candidate) =>
    lexicallyInside(written, resolve(candidate)) || lexicallyInside(real, realOrResolved(candidate));
};

/**
 * The folders searched for a binary, in order: the user's PATH, then infrakit's own `.tools/bin`.
 * A repository controls its own folders, so a PATH entry that is relative (it resolves against the
 * project) or lies inside the project is skipped, unless it is infrakit's own tool folder.
 */
export function searchDirectories(environment: ValidatorEnvironment, projectRoot?: string): string[] {
  const own = environment.ownToolsDirectory;
  const insideProject = projectRoot ? insideOf(projectRoot) : undefined;
  const insideOwn = own === undefined ? undefined : insideOf(own);
  const fromPath = environment.path
    .split(delimiter)
    .filter(Boolean)
    .filter((entry) => isAbsolute(entry))
    .filter((entry) => !insideProject?.(entry) || insideOwn?.(entry) === true);
  const folders = own && !fromPath.includes(own) ? [...fromPath, own] : fromPath;
  return [...new Set(folders)];
}

/** The variables a tool runs with: the injected ones without model keys, PATH set to the searched folders. */
export function toolVariables(
  environment: ValidatorEnvironment,
  projectRoot?: string,
): Record<string, string | undefined> {
  return {
    ...childEnvironment(environment.variables),
    PATH: searchDirectories(environment, projectRoot).join(delimiter),
  };
}

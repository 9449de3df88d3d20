import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findSharedDirectory } from '../../validators/crd-locator.js';

/** A schema source found on disk, and where the search found it (for the screen). */
export interface FoundSource {
  path: string;
  from: string;
  /** Name and version to register, when the file name does not carry them. */
  name?: string;
  version?: string;
}

const CORE = /^crossplane-v\d/;
const AWS_PROVIDER = /^provider-(upjet-)?aws\b/;
const TARBALL = /\.(tar\.gz|tgz|tar)$/i;

/** True for a folder that holds sources by name (`crossplane-v*`, `provider-*`) rather than CRD files. */
function isSourceRoot(directory: string): boolean {
  return readdirSync(directory).some((name) => CORE.test(name) || AWS_PROVIDER.test(name));
}

/** The newest entry matching `pattern`; a tarball (the full set) wins over a folder of the same name. */
function newest(directory: string, pattern: RegExp): string | undefined {
  const names = readdirSync(directory)
    .filter((name) => pattern.test(name))
    .sort((left, right) =>
      left
        .replace(TARBALL, '')
        .replace(/-crds?$/, '')
        .localeCompare(right.replace(TARBALL, '').replace(/-crds?$/, ''), 'en', { numeric: true }),
    );
  const last = names.at(-1);
  if (!last) return undefined;
  const stem = last.replace(TARBALL, '').replace(/-crds?$/, '');
  const tarball = names.find((name) => TARBALL.test(name) && name.startsWith(stem));
  return join(directory, tarball ?? last);
}

/** The sources held by one folder of CRD sources: the newest core set and the newest AWS provider. */
function sourcesIn(directory: string, from: string): FoundSource[] {
  return [newest(directory, CORE), newest(directory, AWS_PROVIDER)]
    .filter((path): path is string => path !== undefined)
    .map((path) => ({ path, from }));
}

/**
 * Schema sources on disk, in order of preference: `$INFRAKIT_CRDS` (a folder of sources, a folder of
 * CRD files, a tarball or a file), `$INFRAKIT_CROSSPLANE_CRDS`, then a `crds/` folder beside the
 * project or under the nearest `shared/` above it.
 */
export function crdFolderSources(projectRoot: string, env: NodeJS.ProcessEnv): FoundSource[] {
  const found: FoundSource[] = [];
  const given = env.INFRAKIT_CRDS ? resolve(env.INFRAKIT_CRDS) : undefined;
  if (given && existsSync(given)) {
    if (statSync(given).isDirectory() && isSourceRoot(given))
      found.push(...sourcesIn(given, 'INFRAKIT_CRDS'));
    else found.push({ path: given, from: 'INFRAKIT_CRDS' });
  }
  if (env.INFRAKIT_CROSSPLANE_CRDS && existsSync(env.INFRAKIT_CROSSPLANE_CRDS))
    found.push({ path: resolve(env.INFRAKIT_CROSSPLANE_CRDS), from: 'INFRAKIT_CROSSPLANE_CRDS' });
  const beside = join(dirname(resolve(projectRoot)), 'crds');
  const shared = findSharedDirectory(projectRoot, env.INFRAKIT_SHARED_DIR);
  for (const [directory, from] of [
    [beside, 'beside the project'],
    [shared ? join(shared, 'crds') : undefined, shared ? `${shared}/crds` : ''],
  ] as const) {
    if (directory && existsSync(directory) && statSync(directory).isDirectory() && isSourceRoot(directory))
      found.push(...sourcesIn(directory, from));
  }
  const seen = new Set<string>();
  return found.filter((source) => !seen.has(source.path) && seen.add(source.path));
}

/** Describes where the folder search looked, for the line printed when nothing was found. */
export const FOLDERS_SEARCHED =
  '$INFRAKIT_CRDS, $INFRAKIT_CROSSPLANE_CRDS, ../crds and the nearest shared/crds above the project';

import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { IacTool } from '../../constraints/schema.js';
import { findBinary } from '../../validators/find-binary.js';
import { runTool } from '../../validators/run-tool.js';
import {
  searchDirectories,
  toolVariables,
  type ValidatorEnvironment,
} from '../../validators/validator-environment.js';
import { userCacheDirectory } from '../cache-paths.js';
import { importSchemas } from '../import.js';
import { clusterCrds, type RunFound } from './cluster-crds.js';
import { crdFolderSources, FOLDERS_SEARCHED, type FoundSource } from './crd-folders.js';
import { projectSchemaCoverage } from './project-coverage.js';
import { extractProviderPackages, providerPackages } from './provider-package.js';
import { coveredRoles, fixLine, rolesFor, type SchemaRole } from './schema-roles.js';

/** Where to look and how to run programs; every outside effect is injectable. */
export interface PrepareOptions {
  projectRoot: string;
  iac: IacTool;
  env: NodeJS.ProcessEnv;
  cacheDirectory?: string;
  /** Finds a program on the user's PATH only (never a folder of the project). */
  findProgram?: (names: readonly string[]) => Promise<string | undefined>;
  run?: RunFound;
}

/** One source imported into the project. */
export interface ImportedSource {
  name: string;
  version: string;
  kinds: number;
  from: string;
  path: string;
  fromCache: boolean;
  milliseconds: number;
  roles: SchemaRole[];
}

/** What the search did: the sources imported, the roles still missing with their fix, and notes. */
export interface PreparedSchemas {
  needed: SchemaRole[];
  imported: ImportedSource[];
  missing: SchemaRole[];
  /** The one line that imports what is missing (empty when nothing is). */
  fix: string;
  notes: string[];
}

const CORE_NAME = /^crossplane-v\d/;
const AWS_NAME = /^provider-(upjet-)?aws\b/;
const expectedRole = (path: string): SchemaRole | undefined =>
  CORE_NAME.test(basename(path))
    ? 'crossplane-core'
    : AWS_NAME.test(basename(path))
      ? 'crossplane-aws'
      : undefined;

/**
 * Imports the provider schemas a project needs from wherever they can be found, in order: CRD
 * folders or tarballs (`$INFRAKIT_CRDS`, beside the project, shared/crds above it), the CRDs of the
 * cluster kubectl points at, then provider packages through `crossplane xpkg extract`. kubectl and
 * crossplane are looked up on the user's PATH only. Roles already covered are not searched again.
 */
export async function prepareProjectSchemas(options: PrepareOptions): Promise<PreparedSchemas> {
  const { projectRoot, env } = options;
  const needed = rolesFor(options.iac);
  const prepared: PreparedSchemas = { needed, imported: [], missing: [], fix: '', notes: [] };
  if (needed.length === 0) return prepared;
  const cacheDirectory = options.cacheDirectory ?? userCacheDirectory(env);
  const remaining = new Set(
    (
      await projectSchemaCoverage(projectRoot, options.iac, {
        cacheDirectory,
        env,
        countFoundCore: false,
      })
    ).missing,
  );
  const environment: ValidatorEnvironment = { path: env.PATH ?? '', variables: env, timeoutMs: 120_000 };
  const findProgram =
    options.findProgram ??
    ((names: readonly string[]) => findBinary(names, searchDirectories(environment, projectRoot)));
  const discovered = join(cacheDirectory, 'discovered');
  const run: RunFound =
    options.run ??
    (async (binary, args) =>
      runTool(binary, args, {
        cwd: await mkdir(discovered, { recursive: true }).then(() => discovered),
        variables: toolVariables(environment, projectRoot),
        timeoutMs: 120_000,
      }));

  const take = async (source: FoundSource): Promise<void> => {
    try {
      const result = await importSchemas(source.path, {
        projectRoot,
        cacheDirectory,
        name: source.name,
        version: source.version,
      });
      const roles = coveredRoles([...remaining], result.manifest.kinds);
      for (const role of roles) remaining.delete(role);
      prepared.imported.push({
        name: source.name ?? result.manifest.source.name,
        version: source.version ?? result.manifest.source.version,
        kinds: result.manifest.kinds.length,
        from: source.from,
        path: source.path,
        fromCache: result.fromCache,
        milliseconds: result.milliseconds,
        roles,
      });
    } catch (error) {
      prepared.notes.push(
        `${source.path} (${source.from}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  };

  for (const source of crdFolderSources(projectRoot, env)) {
    if (remaining.size === 0) break;
    const role = expectedRole(source.path);
    if (role === undefined || remaining.has(role)) await take(source);
  }
  if (remaining.has('crossplane-core') || remaining.has('crossplane-aws')) {
    const kubectl = await findProgram(['kubectl']);
    if (kubectl) {
      const cluster = await clusterCrds(kubectl, run, discovered);
      if ('source' in cluster) await take(cluster.source);
      else prepared.notes.push(cluster.note);
    }
  }
  if (remaining.has('crossplane-aws')) {
    const crossplane = await findProgram(['crossplane', 'crank']);
    if (crossplane) {
      const extracted = await extractProviderPackages(crossplane, run, providerPackages(env), discovered);
      prepared.notes.push(...extracted.notes);
      for (const source of extracted.sources) await take(source);
    }
  }
  if (remaining.size > 0 && options.iac === 'crossplane')
    prepared.notes.push(
      `searched ${FOLDERS_SEARCHED}, the kubectl cluster and crossplane xpkg extract: set INFRAKIT_CRDS to a folder of CRDs instead of importing by hand`,
    );
  prepared.missing = needed.filter((role) => remaining.has(role));
  prepared.fix = fixLine(prepared.missing);
  return prepared;
}

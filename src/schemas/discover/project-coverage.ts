import { existsSync } from 'node:fs';
import type { IacTool } from '../../constraints/schema.js';
import { userCacheDirectory } from '../cache-paths.js';
import { readPackManifest } from '../pack.js';
import { readProjectIndex } from '../project-index.js';
import { coreCrdDirectories } from '../store.js';
import { coveredRoles, rolesFor, type SchemaRole } from './schema-roles.js';

/** Which of the schemas a project needs its store already has, and which it lacks. */
export interface SchemaCoverage {
  needed: SchemaRole[];
  covered: SchemaRole[];
  missing: SchemaRole[];
  /** `provider-upjet-aws v2.6.0 (2043 kinds)` per registered pack whose manifest is readable. */
  packs: string[];
}

/**
 * Reads the project's schema index and the cached manifests (no kind is loaded). A pack missing from
 * the user cache counts when its origin still exists (the store rebuilds it), and Crossplane's core
 * kinds count when the store finds them beside the project on its own.
 */
export async function projectSchemaCoverage(
  projectRoot: string,
  iac: IacTool,
  options: {
    cacheDirectory?: string;
    env?: NodeJS.ProcessEnv;
    /** Count the core CRDs the store finds beside the project by itself (default true). */
    countFoundCore?: boolean;
  } = {},
): Promise<SchemaCoverage> {
  const env = options.env ?? process.env;
  const cacheDirectory = options.cacheDirectory ?? userCacheDirectory(env);
  const needed = rolesFor(iac);
  const index = await readProjectIndex(projectRoot);
  const covered = new Set<SchemaRole>();
  const packs: string[] = [];
  for (const pack of index.packs) {
    const manifest = await readPackManifest(cacheDirectory, pack.id);
    if (manifest) {
      packs.push(`${pack.name} ${pack.version} (${manifest.kinds.length} kinds)`);
      for (const role of coveredRoles(needed, manifest.kinds)) covered.add(role);
    } else if (existsSync(pack.origin)) {
      packs.push(`${pack.name} ${pack.version} (rebuilt from ${pack.origin} on first use)`);
      // Without the manifest the groups are unknown: trust the name the import recorded.
      if (/crossplane-v?\d/.test(pack.name)) covered.add('crossplane-core');
      else if (pack.tool === 'terraform') covered.add('terraform-aws');
      else covered.add('crossplane-aws');
    }
  }
  if (
    options.countFoundCore !== false &&
    needed.includes('crossplane-core') &&
    coreCrdDirectories(projectRoot, env).length > 0
  )
    covered.add('crossplane-core');
  const coveredList = needed.filter((role) => covered.has(role));
  return {
    needed,
    covered: coveredList,
    missing: needed.filter((role) => !covered.has(role)),
    packs,
  };
}

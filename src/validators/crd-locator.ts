import { existsSync } from 'node:fs';
import { readdir, readFile, mkdtemp } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseBoundedYaml } from '../iac/yaml/alias-limits.js';
import { runTool } from './run-tool.js';

/** The provider CRD subset and the full tarball under `<shared>/crds`. */
export const PROVIDER_CRDS = join('crds', 'provider-upjet-aws-v2.6.0');
export const PROVIDER_CRDS_TARBALL = join('crds', 'provider-upjet-aws-v2.6.0-crds.tar.gz');
export const CROSSPLANE_CORE_CRDS = join('crds', 'crossplane-v2.3.4');
/** The Crossplane version of the core CRDs in `<shared>`: the image name the validate cache is pre-filled for. */
export const CROSSPLANE_CORE_VERSION = 'v2.3.4';

/** The shared data folder: the injected one, else the first `<ancestor>/shared` holding crds/ above the project. */
export function findSharedDirectory(projectRoot: string, injected?: string): string | undefined {
  if (injected) return existsSync(join(injected, 'crds')) ? resolve(injected) : undefined;
  let directory = resolve(projectRoot);
  for (;;) {
    const candidate = join(dirname(directory), 'shared');
    if (existsSync(join(candidate, 'crds'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

const kindOf = async (file: string): Promise<{ group?: string; kind?: string }> => {
  const body = parseBoundedYaml(await readFile(file, 'utf8')).values[0] as {
    spec?: { group?: string; names?: { kind?: string } };
  } | null;
  return { group: body?.spec?.group, kind: body?.spec?.names?.kind };
};

/**
 * Finds the CRD file for each `group/kind`: first in the shared subset, then in the full tarball
 * (only candidate files named `<group>_*.yaml` are extracted, into `scratch`). Returns the files
 * found and the kinds that have no CRD.
 */
export async function locateCrds(
  sharedDirectory: string,
  wanted: ReadonlyArray<{ group: string; kind: string }>,
  scratch: string,
  variables: Record<string, string | undefined>,
): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const remaining = new Map(wanted.map((entry) => [`${entry.group}/${entry.kind}`, entry]));
  const subset = join(sharedDirectory, PROVIDER_CRDS);
  const candidates = existsSync(subset)
    ? (await readdir(subset)).filter((name) => name.endsWith('.yaml')).map((name) => join(subset, name))
    : [];
  const match = async (file: string) => {
    const { group, kind } = await kindOf(file);
    const key = `${group}/${kind}`;
    if (remaining.has(key)) {
      files.add(file);
      remaining.delete(key);
    }
  };
  for (const file of candidates) if (remaining.size) await match(file);
  const tarball = join(sharedDirectory, PROVIDER_CRDS_TARBALL);
  if (remaining.size && existsSync(tarball)) {
    const listing = await runTool('tar', ['-tzf', tarball], { cwd: scratch, variables });
    const groups = new Set([...remaining.values()].map((entry) => entry.group));
    const names = listing.stdout
      .split('\n')
      .filter((name) => [...groups].some((group) => name.split('/').pop()?.startsWith(`${group}_`)));
    if (names.length) {
      const target = await mkdtemp(join(scratch, 'crds-'));
      await runTool('tar', ['-xzf', tarball, '-C', target, ...names], { cwd: scratch, variables });
      for (const name of names) if (remaining.size) await match(join(target, name));
    }
  }
  return { files: [...files], missing: [...remaining.keys()] };
}

import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import type { RunFound } from './cluster-crds.js';
import type { FoundSource } from './crd-folders.js';

/**
 * The provider packages pulled when no CRDs are on disk or in a cluster: the AWS families of the
 * provider version the shared CRDs and the worked examples use. `$INFRAKIT_PROVIDER_PACKAGES`
 * (comma-separated references) replaces the list.
 */
export const DEFAULT_PROVIDER_PACKAGES = ['s3', 'ec2', 'iam', 'kms', 'rds', 'keyspaces'].map(
  (family) => `xpkg.upbound.io/upbound/provider-aws-${family}:v2.6.0`,
);

/** The package references to extract. */
export function providerPackages(env: NodeJS.ProcessEnv): string[] {
  const given = env.INFRAKIT_PROVIDER_PACKAGES?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return given?.length ? given : DEFAULT_PROVIDER_PACKAGES;
}

/**
 * `crossplane xpkg extract <package> -o <file>` for each package: the package's YAML stream (its
 * CRDs) written gzip-compressed; unpacked here into one YAML file per package under `directory`.
 */
export async function extractProviderPackages(
  crossplane: string,
  run: RunFound,
  packages: readonly string[],
  directory: string,
): Promise<{ sources: FoundSource[]; notes: string[] }> {
  await mkdir(directory, { recursive: true });
  const sources: FoundSource[] = [];
  const notes: string[] = [];
  for (const reference of packages) {
    const stem = reference.replace(/[^\w.-]/g, '_').slice(0, 120);
    const packed = join(directory, `${stem}.gz`);
    const extracted = await run(crossplane, ['xpkg', 'extract', reference, '-o', packed]);
    if (extracted.exitCode !== 0) {
      notes.push(
        `crossplane xpkg extract ${reference} failed: ${(extracted.failedToStart ?? (extracted.stderr.trim() || extracted.stdout.trim())).split('\n')[0]}`,
      );
      continue;
    }
    const bytes = await readFile(packed).catch(() => undefined);
    if (!bytes) {
      notes.push(`crossplane xpkg extract ${reference} wrote no ${packed}`);
      continue;
    }
    let text: string;
    try {
      text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    } catch (error) {
      notes.push(
        `crossplane xpkg extract ${reference}: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    const file = join(directory, `${stem}.yaml`);
    await writeFileAtomic(file, text);
    const [name, version] = reference.split('/').pop()?.split(':') ?? [];
    sources.push({
      path: file,
      from: `crossplane xpkg extract ${reference}`,
      name: name ?? stem,
      version: version ?? 'unversioned',
    });
  }
  return { sources, notes };
}

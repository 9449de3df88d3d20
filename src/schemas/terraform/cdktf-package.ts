import type { TarEntry } from '../tar-reader.js';
import type { KindSchema } from '../schema-node.js';
import { cdktfModuleKinds, cdktfProviderVersion } from './cdktf-provider.js';

/** Reads a `@cdktf/provider-*` / `@cdktn/provider-*` npm tarball into Terraform kinds; undefined for other tarballs. */
export function cdktfPackageKinds(
  entries: TarEntry[],
): { kinds: KindSchema[]; provider: string; version: string; problems: string[] } | undefined {
  const manifest = entries.find((entry) => entry.name === 'package/package.json');
  if (!manifest) return undefined;
  const packageJson = JSON.parse(manifest.content.toString('utf8')) as { name?: string; version?: string };
  const provider = packageJson.name?.match(/^@cdkt[fn]\/provider-([\w-]+)$/)?.[1];
  if (!provider) return undefined;
  const files = new Map(
    entries
      .filter((entry) => /^package\/lib\/[^/]+\/index\.(js|d\.ts)$/.test(entry.name))
      .map((entry) => [entry.name, entry.content]),
  );
  const kinds: KindSchema[] = [];
  const problems: string[] = [];
  let version: string | undefined;
  for (const [name, content] of files) {
    if (!name.endsWith('.js')) continue;
    const directory = name.split('/')[2];
    if (directory === 'provider') continue;
    const code = content.toString('utf8');
    version ??= cdktfProviderVersion(code);
    const declarations = files.get(name.replace(/\.js$/, '.d.ts'))?.toString('utf8') ?? '';
    const found = cdktfModuleKinds(directory, code, declarations, version ?? 'unknown');
    if (found.length === 0 && code.includes('tfResourceType'))
      problems.push(`${name}: could not read its attributes`);
    kinds.push(...found);
  }
  const label = `${version ?? 'unknown'} (from ${packageJson.name}@${packageJson.version})`;
  for (const kind of kinds) for (const entry of kind.versions) entry.name = version ?? entry.name;
  return { kinds, provider, version: label, problems };
}

import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { loadAll } from 'js-yaml';
import { aliasLimitProblemInText } from '../iac/yaml/alias-limits.js';
import { ConfigError, UsageError } from '../errors/index.js';
import type { KindSchema } from './schema-node.js';
import { crdToKind } from './crd/read-crds.js';
import { xrdKinds } from './crd/xrd-kinds.js';
import { providerSchemaKinds } from './terraform/provider-schema-json.js';
import { readTar } from './tar-reader.js';
import type { PackSource } from './pack.js';
import { cdktfPackageKinds } from './terraform/cdktf-package.js';
import { SchemaIndexFileSchema } from './schema-index-file.js';

/** What an import read: the kinds, where they came from, and the files it could not read. */
export interface ReadSource {
  source: PackSource;
  kinds: KindSchema[];
  problems: string[];
}

const YAML_FILE = /\.(ya?ml|json)$/i;
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Reads the CRDs and XRDs of one YAML/JSON text into kinds. */
export function kindsFromText(text: string, file: string, problems: string[]): KindSchema[] {
  if (!text.includes('CustomResourceDefinition')) return [];
  const aliasProblem = aliasLimitProblemInText(text);
  if (aliasProblem) {
    problems.push(`${file}: refused: ${aliasProblem}`);
    return [];
  }
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch (error) {
    problems.push(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return [];
  }
  // `kubectl get crd -o yaml` answers with one `kind: List` whose items are the CRDs.
  const unwrapped = documents.flatMap((document) => {
    const record = asRecord(document);
    return record.kind === 'List' && Array.isArray(record.items) ? (record.items as unknown[]) : [document];
  });
  return unwrapped.flatMap((document) => {
    const record = asRecord(document);
    const apiVersion = String(record.apiVersion ?? '');
    if (
      record.kind === 'CompositeResourceDefinition' &&
      apiVersion.startsWith('apiextensions.crossplane.io/')
    )
      return xrdKinds(record);
    if (record.kind !== 'CustomResourceDefinition' || !apiVersion.startsWith('apiextensions.k8s.io/'))
      return [];
    const kind = crdToKind(record);
    if (!kind)
      problems.push(`${file}: a CustomResourceDefinition without spec.group, spec.names.kind or versions`);
    return kind ? [kind] : [];
  });
}

/** `provider-upjet-aws-v2.6.0-crds.tar.gz` → name `provider-upjet-aws`, version `v2.6.0`. */
export function nameAndVersion(path: string): { name: string; version: string } {
  const stem = basename(path)
    .replace(/\.(tar\.gz|tgz|tar|ya?ml|json)$/i, '')
    .replace(/[-_]crds?$/i, '');
  const match = stem.match(/^(.*?)[-_@]v?(\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?)$/);
  return match ? { name: match[1], version: `v${match[2]}` } : { name: stem, version: 'unversioned' };
}

async function filesUnder(directory: string): Promise<string[]> {
  const result: string[] = [];
  for (const entry of (await readdir(directory, { withFileTypes: true })).sort((left, right) =>
    left.name.localeCompare(right.name),
  )) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) result.push(...(await filesUnder(path)));
    else if (YAML_FILE.test(entry.name)) result.push(path);
  }
  return result;
}

/** The content hash that keys a pack in the user cache, without parsing anything. */
export async function sourceHash(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new UsageError(`schemas import: ${path} does not exist`, {
      hint: 'Pass a CRD file, a directory of CRDs, a .tar.gz of CRDs, or the JSON of `tofu providers schema -json`.',
    });
  const hash = createHash('sha256');
  if (info.isDirectory()) {
    for (const file of await filesUnder(path))
      hash
        .update(relative(path, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
  } else hash.update(await readFile(path));
  return hash.digest('hex');
}

/** Reads a CRD file, directory or tarball, or a Terraform providers schema JSON. */
export async function readSchemaSource(
  path: string,
  overrides: { name?: string; version?: string } = {},
): Promise<ReadSource> {
  const sha256 = await sourceHash(path);
  const info = await stat(path);
  const guessed = nameAndVersion(path);
  const problems: string[] = [];
  let kinds: KindSchema[] = [];
  let tool: PackSource['tool'] = 'crossplane';
  if (info.isDirectory()) {
    for (const file of await filesUnder(path))
      kinds.push(...kindsFromText(await readFile(file, 'utf8'), relative(path, file), problems));
  } else if (/\.(tar\.gz|tgz|tar)$/i.test(path)) {
    const entries = readTar(await readFile(path));
    const cdktf = cdktfPackageKinds(entries);
    if (cdktf) {
      tool = 'terraform';
      kinds = cdktf.kinds;
      Object.assign(guessed, { name: `terraform-provider-${cdktf.provider}`, version: cdktf.version });
      problems.push(...cdktf.problems);
    } else
      for (const entry of entries)
        if (YAML_FILE.test(entry.name))
          kinds.push(...kindsFromText(entry.content.toString('utf8'), entry.name, problems));
  } else {
    const text = await readFile(path, 'utf8');
    const index =
      extname(path).toLowerCase() === '.json' && text.includes('"infrakit-schema-index"')
        ? SchemaIndexFileSchema.safeParse(JSON.parse(text))
        : undefined;
    if (index?.success) {
      tool = index.data.source.tool;
      kinds = index.data.kinds as KindSchema[];
      Object.assign(guessed, { name: index.data.source.name, version: index.data.source.version });
    } else if (extname(path).toLowerCase() === '.json' && text.includes('"provider_schemas"')) {
      tool = 'terraform';
      kinds = providerSchemaKinds(JSON.parse(text), overrides.version ?? 'unversioned');
    } else kinds = kindsFromText(text, basename(path), problems);
  }
  if (kinds.length === 0) {
    throw new ConfigError(
      `schemas import: no CustomResourceDefinition, CompositeResourceDefinition or provider schema found in ${path}`,
      problems,
      {
        hint: 'Pass CRD YAML files (kind: CustomResourceDefinition), a directory or .tar.gz of them, or the output of `tofu providers schema -json > schema.json`.',
      },
    );
  }
  if (tool !== 'terraform' && !kinds.some((kind) => /\.(upbound|crossplane)\.io$/.test(kind.group)))
    tool = 'kubernetes';
  return {
    source: {
      name: overrides.name ?? guessed.name,
      version: overrides.version ?? guessed.version,
      tool,
      origin: path,
      sha256,
    },
    kinds,
    problems,
  };
}

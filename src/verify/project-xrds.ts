import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { loadAll } from 'js-yaml';
import { aliasLimitProblemInText } from '../iac/yaml/alias-limits.js';
import { listSourceFiles } from '../iac/detect.js';
import type { Resource } from '../iac/resource-model.js';
import { xrdKinds } from '../schemas/crd/xrd-kinds.js';
import type { KindSchema } from '../schemas/schema-node.js';
import type { SchemaStore } from '../schemas/store.js';

const isXrd = (value: unknown): value is Record<string, unknown> => {
  const record = value as Record<string, unknown> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    record.kind === 'CompositeResourceDefinition' &&
    String(record.apiVersion ?? '').startsWith('apiextensions.crossplane.io/')
  );
};

/** The store source name of the XRDs registered from the project itself. */
export const PROJECT_XRDS_SOURCE = 'project XRDs';

/**
 * Registers the XRDs of the project (and of the parsed input) in the store, so that XRs and claims are
 * verified against their own XRD. Returns how many kinds were added.
 */
export async function registerProjectXrds(
  projectRoot: string,
  store: SchemaStore,
  parsed: Resource[],
): Promise<number> {
  const kinds: KindSchema[] = [];
  const hash = createHash('sha256');
  for (const resource of parsed) if (isXrd(resource.body)) kinds.push(...xrdKinds(resource.body));
  const files = await listSourceFiles(projectRoot).catch(() => [] as string[]);
  for (const file of files) {
    if (file.endsWith('.tf')) continue;
    const text = await readFile(file, 'utf8');
    if (!text.includes('CompositeResourceDefinition')) continue;
    // An alias bomb is not expanded here; the verifier reports it when the file is an input.
    if (aliasLimitProblemInText(text)) continue;
    try {
      for (const document of loadAll(text)) {
        if (!isXrd(document)) continue;
        hash.update(text);
        for (const kind of xrdKinds(document))
          if (!kinds.some((existing) => existing.key === kind.key)) kinds.push(kind);
      }
    } catch {
      // a file that does not parse is reported by the verifier itself when it is an input
    }
  }
  if (kinds.length)
    store.addKinds(kinds, {
      name: PROJECT_XRDS_SOURCE,
      version: 'working tree',
      tool: 'crossplane',
      origin: projectRoot,
      sha256: hash.digest('hex'),
    });
  return kinds.length;
}

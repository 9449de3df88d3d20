import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CROSSPLANE_CORE_CRDS, CROSSPLANE_CORE_VERSION } from './crd-locator.js';

/** The image name whose schemas `beta validate` would download; we pre-fill its cache entry from ../shared. */
export const CROSSPLANE_IMAGE = `xpkg.crossplane.io/crossplane/crossplane:${CROSSPLANE_CORE_VERSION}`;

/** A Function manifest that points crank render at the locally running function. */
export function developmentFunction(name: string, target: string, version: string): Record<string, unknown> {
  return {
    apiVersion: 'pkg.crossplane.io/v1',
    kind: 'Function',
    metadata: {
      name,
      annotations: {
        'render.crossplane.io/runtime': 'Development',
        'render.crossplane.io/runtime-development-target': target,
      },
    },
    spec: { package: `xpkg.crossplane.io/crossplane-contrib/function-go-templating:${version}` },
  };
}

/** `beta validate` downloads nothing when the image's cache entry exists: fill it with the core CRDs. */
export async function prefillCache(sharedDirectory: string, cacheDirectory: string): Promise<void> {
  const entry = join(cacheDirectory, CROSSPLANE_IMAGE.replace(':', '@'));
  await mkdir(entry, { recursive: true });
  await cp(join(sharedDirectory, CROSSPLANE_CORE_CRDS), entry, { recursive: true });
}

import { compositionResources } from '../crossplane/composition.js';
import { parseDocuments, type ManifestParse, type ParseDocumentsOptions } from './parse-documents.js';

export type { ManifestParse } from './parse-documents.js';

/**
 * Parses a multi-document Kubernetes/Crossplane YAML (or JSON) text. A Composition also yields the
 * resources it composes (inline go-templates, patch-and-transform bases), each tagged with its origin.
 */
export function parseManifests(
  text: string,
  file: string,
  options: Omit<ParseDocumentsOptions, 'expand'> = {},
): ManifestParse {
  return parseDocuments(text, file, {
    ...options,
    expand: (resource, document, lineCounter, path) =>
      resource.kind === 'Composition' && resource.apiVersion?.startsWith('apiextensions.crossplane.io/')
        ? compositionResources(resource, document, lineCounter, path)
        : undefined,
  });
}

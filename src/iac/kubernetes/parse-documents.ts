import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ParsedSource, Resource } from '../resource-model.js';
import { aliasLimitProblem } from '../yaml/alias-limits.js';
import { convertNode, lineOfNode, type UnknownRules } from '../yaml/node-to-value.js';
import { manifestResource } from './manifest-resource.js';

/** Resources and parse errors found in one text. */
export interface ManifestParse {
  resources: Resource[];
  errors: ParsedSource['errors'];
}

/** Called on each object read: returns what it composes (a Composition's resources), or undefined. */
export type ExpandResource = (
  resource: Resource,
  document: Document,
  lineCounter: LineCounter,
  file: string,
) => ManifestParse | undefined;

/** How to read one text: where its lines start, how template placeholders become values, its origin. */
export interface ParseDocumentsOptions {
  lineOffset?: number;
  rules?: UnknownRules;
  origin?: Resource['origin'];
  expand?: ExpandResource;
}

/**
 * Parses a multi-document Kubernetes/Crossplane YAML (or JSON) text into resources, one per object
 * (`kind: List` items included). `expand` adds what an object composes; this module knows nothing of
 * Compositions, so the Crossplane reader can use it without an import cycle.
 */
export function parseDocuments(
  text: string,
  file: string,
  options: ParseDocumentsOptions = {},
): ManifestParse {
  const lineOffset = options.lineOffset ?? 0;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const result: ManifestParse = { resources: [], errors: [] };
  const list = Array.isArray(documents) ? documents : [];
  list.forEach((document, index) => {
    for (const error of document.errors) {
      const line = lineCounter.linePos(error.pos[0]).line + lineOffset;
      result.errors.push({ location: { file, line }, message: error.message.split('\n')[0] });
    }
    if (document.errors.length > 0 || document.contents === null) return;
    const aliasProblem = aliasLimitProblem(document);
    if (aliasProblem) {
      const line = lineOfNode(document.contents, lineCounter, lineOffset);
      result.errors.push({ location: { file, line }, message: `refused to read ${file}: ${aliasProblem}` });
      return;
    }
    const converted = convertNode(document.contents, lineCounter, options.rules, '', lineOffset, document);
    const object = converted.value;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
    const record = object as Record<string, unknown>;
    const items =
      record.kind === 'List' && Array.isArray(record.items) ? (record.items as unknown[]) : [record];
    items.forEach((item, itemIndex) => {
      if (typeof item !== 'object' || item === null || !('apiVersion' in item || 'kind' in item)) return;
      const prefix = item === record ? '' : `items[${itemIndex}]`;
      const fieldLines = prefix === '' ? converted.fieldLines : rebase(converted.fieldLines, prefix);
      const line =
        prefix === ''
          ? lineOfNode(document.contents, lineCounter, lineOffset)
          : (converted.fieldLines[prefix] ?? 1);
      const resource = manifestResource(
        item as Record<string, unknown>,
        { file, line },
        fieldLines,
        `document-${index + 1}`,
        options.origin,
      );
      result.resources.push(resource);
      const composed = options.expand?.(resource, document, lineCounter, file);
      if (composed) {
        result.resources.push(...composed.resources);
        result.errors.push(...composed.errors);
      }
    });
  });
  return result;
}

function rebase(fieldLines: Record<string, number>, prefix: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [path, line] of Object.entries(fieldLines))
    if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = line;
  return result;
}

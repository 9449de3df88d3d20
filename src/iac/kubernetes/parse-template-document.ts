import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { Resource } from '../resource-model.js';
import type { UnknownRules } from '../yaml/node-to-value.js';
import { aliasLimitProblemInText } from '../yaml/alias-limits.js';
import { scanYamlFieldLines } from '../yaml/line-scan.js';
import { manifestResource } from './manifest-resource.js';
import { parseDocuments, type ManifestParse } from './parse-documents.js';

function applyRules(value: unknown, rules: UnknownRules): unknown {
  if (Array.isArray(value)) return rules.value?.(value) ?? value.map((item) => applyRules(item, rules));
  if (typeof value === 'object' && value !== null) {
    const converted = Object.fromEntries(
      Object.entries(value).map(([key, item]) => [rules.key ? rules.key(key) : key, applyRules(item, rules)]),
    );
    return rules.value?.(converted) ?? converted;
  }
  return rules.value?.(value) ?? value;
}

const restoreKeys = (fieldLines: Record<string, number>, rules: UnknownRules): Record<string, number> =>
  rules.key
    ? Object.fromEntries(Object.entries(fieldLines).map(([path, line]) => [rules.key!(path), line]))
    : fieldLines;

/**
 * Reads one document of a go-template variant quickly: js-yaml for the values and an indentation scan
 * for the lines. Anything unusual (several documents, a syntax error) goes through the full `yaml`
 * parser, which also gives the exact error position.
 */
export function parseTemplateDocument(
  text: string,
  file: string,
  options: { lineOffset: number; rules: UnknownRules; origin: Resource['origin'] },
): ManifestParse {
  // js-yaml shares aliased objects, so a later walk would expand them: the full parser reports it.
  if (aliasLimitProblemInText(text)) return parseDocuments(text, file, options);
  let documents: unknown[];
  try {
    documents = loadAll(text, undefined, { schema: CORE_SCHEMA });
  } catch {
    return parseDocuments(text, file, options);
  }
  if (documents.length !== 1) return parseDocuments(text, file, options);
  const object = applyRules(documents[0], options.rules);
  if (
    typeof object !== 'object' ||
    object === null ||
    Array.isArray(object) ||
    !('apiVersion' in object || 'kind' in object)
  )
    return { resources: [], errors: [] };
  const firstLine =
    text.split('\n').findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#')) + 1;
  const fieldLines = Object.fromEntries(
    Object.entries(restoreKeys(scanYamlFieldLines(text), options.rules)).map(([path, line]) => [
      path,
      line + options.lineOffset,
    ]),
  );
  const resource = manifestResource(
    object as Record<string, unknown>,
    { file, line: firstLine + options.lineOffset },
    fieldLines,
    `document-${firstLine}`,
    options.origin,
  );
  return { resources: [resource], errors: [] };
}

import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { Resource } from '../resource-model.js';
import type { UnknownRules } from '../yaml/node-to-value.js';
import { aliasLimitProblemInText } from '../yaml/alias-limits.js';
import { scanYamlFieldLines } from '../yaml/line-scan.js';
import { manifestResource } from './manifest-resource.js';
import { parseDocuments, type ManifestParse } from './parse-documents.js';

/** Sets a key as an own property, `__proto__` included (as js-yaml and Object.fromEntries do). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

// Plain loops: this runs on every document of every go-template, mostly before V8 has optimised it.
function applyRules(value: unknown, rules: UnknownRules): unknown {
  if (Array.isArray(value)) {
    const replaced = rules.value?.(value);
    if (replaced !== undefined) return replaced;
    const items = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) items[index] = applyRules(value[index], rules);
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const converted: Record<string, unknown> = {};
    for (const key of Object.keys(record))
      setOwn(converted, rules.key ? rules.key(key) : key, applyRules(record[key], rules));
    return rules.value?.(converted) ?? converted;
  }
  return rules.value?.(value) ?? value;
}

/** The line of each field in the file: keys restored to their source text, lines moved by the offset. */
function fileFieldLines(text: string, rules: UnknownRules, lineOffset: number): Record<string, number> {
  const scanned = scanYamlFieldLines(text);
  const result: Record<string, number> = {};
  for (const path of Object.keys(scanned))
    setOwn(result, rules.key ? rules.key(path) : path, scanned[path] + lineOffset);
  return result;
}

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
  const fieldLines = fileFieldLines(text, options.rules, options.lineOffset);
  const resource = manifestResource(
    object as Record<string, unknown>,
    { file, line: firstLine + options.lineOffset },
    fieldLines,
    `document-${firstLine}`,
    options.origin,
  );
  return { resources: [resource], errors: [] };
}

import type { ParsedSource, Resource } from '../iac/resource-model.js';
import { resourceKey } from './resource-key.js';
import { resourceSpans } from './resource-spans.js';

/** The resources a change is about, and their current code, for the reviewers. */
export interface AffectedCode {
  keys: string[];
  text: string;
}

const wordsOf = (text: string): string[] =>
  text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3);

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'that',
  'this',
  'from',
  'into',
  'add',
  'set',
  'change',
  'enable',
  'make',
  'use',
  'all',
  'only',
  'spec',
  'metadata',
  'for_each',
]);

/** How many words of the change a resource's key, type and field paths share. */
function score(resource: Resource, words: Set<string>): number {
  const own = new Set(
    wordsOf(`${resourceKey(resource)} ${resource.type} ${Object.keys(resource.fieldLines ?? {}).join(' ')}`),
  );
  let total = 0;
  for (const word of words) if (!STOP.has(word) && own.has(word)) total += 1;
  return total;
}

/**
 * Picks the resources the change is most likely about (shared words with the change and its spec;
 * every resource when none match, at most eight) and quotes their current code with line numbers.
 */
export function affectedCode(parsed: ParsedSource, texts: Map<string, string>, change: string): AffectedCode {
  const words = new Set(wordsOf(change));
  const unique = [
    ...new Map(
      parsed.resources.map((resource) => [`${resource.location.file}:${resourceKey(resource)}`, resource]),
    ).values(),
  ];
  const scored = unique
    .map((resource) => ({ resource, score: score(resource, words) }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score);
  const chosen = (scored.length ? scored.map((entry) => entry.resource) : unique).slice(0, 8);
  const parts = chosen.map((resource) => {
    const text = texts.get(resource.location.file) ?? '';
    const span = resourceSpans(text, parsed, resource.location.file).find(
      (candidate) =>
        candidate.key === resourceKey(resource) &&
        candidate.first <= resource.location.line &&
        resource.location.line <= candidate.last,
    );
    const lines = text.split('\n');
    const first = span?.first ?? resource.location.line;
    const last = Math.min(span?.last ?? first + 40, first + 80);
    const code = lines
      .slice(first - 1, last)
      .map((line, index) => `${String(first + index).padStart(4)}  ${line}`)
      .join('\n');
    return `### \`${resourceKey(resource)}\` (${resource.type}) in ${resource.location.file}\n\n\`\`\`text\n${code}\n\`\`\``;
  });
  return { keys: chosen.map(resourceKey), text: parts.join('\n\n') };
}

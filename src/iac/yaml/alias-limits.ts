import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { describeLimit, INPUT_LIMITS } from '../../limits/input-limits.js';

/**
 * Why a parsed YAML document must not be expanded, or undefined when its aliases stay within
 * INPUT_LIMITS. Each node's expanded size is computed once (memoised), so a document built to
 * expand to billions of nodes is measured in time linear in its own size.
 */
export function aliasLimitProblem(document: Document): string | undefined {
  // One pass in source order resolves each alias to the latest anchor of its name, as YAML does
  // (Alias.resolve would walk the whole document once per alias).
  const anchors = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  const children = (node: unknown): unknown[] =>
    isMap(node) || isSeq(node)
      ? (node.items as unknown[]).flatMap((item) => (isPair(item) ? [item.key, item.value] : [item]))
      : [];
  const collect = (node: unknown): void => {
    if (node === null || node === undefined) return;
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      return;
    }
    const anchor = (node as Node).anchor;
    if (anchor) anchors.set(anchor, node);
    for (const child of children(node)) collect(child);
  };
  collect(document.contents);
  if (targets.size === 0) return undefined;
  if (targets.size > INPUT_LIMITS.yamlAliases)
    return `${targets.size} YAML aliases are more than ${describeLimit('yamlAliases')}`;
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined || isScalar(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) return Number.POSITIVE_INFINITY;
    inProgress.add(node);
    const size = isAlias(node)
      ? sizeOf(targets.get(node))
      : children(node).reduce<number>((sum, child) => sum + sizeOf(child), 1);
    inProgress.delete(node);
    sizes.set(node, size);
    return size;
  };
  let added = 0;
  for (const alias of targets.keys()) added += sizeOf(alias);
  if (added > INPUT_LIMITS.yamlAliasExpansionNodes)
    return `YAML aliases would expand to ${Number.isFinite(added) ? added.toExponential(2) : 'infinitely many'} nodes, more than ${describeLimit('yamlAliasExpansionNodes')}`;
  return undefined;
}

/** An alias token (`*name` after a space, a flow indicator, a `-` or the line start). */
const ALIAS_TOKEN = /(?:^|[\s[{,:-])\*[^\s[\]{},]/;

/**
 * The same check on raw text, for parsers that do not expose aliases (js-yaml shares the aliased
 * object, so whatever walks the result later expands it). Text without an alias token is not parsed.
 */
export function aliasLimitProblemInText(text: string): string | undefined {
  if (!ALIAS_TOKEN.test(text)) return undefined;
  for (const document of parseAllDocuments(text, { logLevel: 'silent' }) as Document[]) {
    const problem = aliasLimitProblem(document);
    if (problem) return problem;
  }
  return undefined;
}

/** The plain value of each document of a text, or why a document was left out. */
export interface BoundedYaml {
  /** One entry per document that parsed and stays within the alias limits, in order. */
  values: unknown[];
  /** Syntax errors (first line of each) and alias-limit refusals, in order. */
  problems: string[];
}

/**
 * Parses every document of `text` for a reader that wants plain values (the validators' own reads):
 * a document with syntax errors or aliases beyond INPUT_LIMITS is reported, never expanded.
 */
export function parseBoundedYaml(text: string): BoundedYaml {
  const result: BoundedYaml = { values: [], problems: [] };
  for (const document of parseAllDocuments(text, { logLevel: 'silent' }) as Document[]) {
    if (document.errors.length) {
      result.problems.push(...document.errors.map((error) => error.message.split('\n')[0]));
      continue;
    }
    const problem = aliasLimitProblem(document);
    if (problem) result.problems.push(problem);
    else result.values.push(document.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliases }));
  }
  return result;
}

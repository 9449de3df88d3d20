import { isMap, isScalar, isSeq, isAlias, type LineCounter, type Node, type Document } from 'yaml';
import { ValidationFailedError } from '../../errors/index.js';
import { describeLimit, INPUT_LIMITS } from '../../limits/input-limits.js';
import type { UnknownValue } from '../resource-model.js';
import { joinPath } from './field-path.js';

/** How a tagged node or a marked string becomes an unknown value (CloudFormation intrinsics, template placeholders). */
export interface UnknownRules {
  /** A YAML tag such as `!Ref` becomes an unknown value. */
  tag?: (tag: string, value: unknown) => UnknownValue | undefined;
  /** A plain value (object or string) that stands for an expression, e.g. `{ "Ref": "X" }` or a placeholder token (or for a map a template builds). */
  value?: (value: unknown) => UnknownValue | Record<string, unknown> | undefined;
  /** Rewrites a map key that holds a placeholder back to its source text. */
  key?: (key: string) => string;
}

/** The converted value of a YAML node, with the line of every field path below it. */
export interface ConvertedNode {
  value: unknown;
  fieldLines: Record<string, number>;
}

/** Converts a YAML AST node to plain data, recording the line of each field under `prefix`. */
export function convertNode(
  node: unknown,
  lineCounter: LineCounter,
  rules: UnknownRules = {},
  prefix = '',
  lineOffset = 0,
  document?: Document,
): ConvertedNode {
  const fieldLines: Record<string, number> = {};
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 0 : lineCounter.linePos(offset).line + lineOffset;
  // Aliases are expanded, so they are bounded here too (callers check the document first and
  // report the file; this is the backstop for any other caller).
  let aliases = 0;
  let aliasDepth = 0;
  let expanded = 0;
  const walk = (current: unknown, path: string): unknown => {
    if (current === null || current === undefined) return null;
    if (aliasDepth > 0 && ++expanded > INPUT_LIMITS.yamlAliasExpansionNodes)
      throw new ValidationFailedError(
        `YAML aliases expand to more nodes than ${describeLimit('yamlAliasExpansionNodes')}`,
      );
    if (isAlias(current)) {
      if (!document) return null;
      if (++aliases > INPUT_LIMITS.yamlAliases)
        throw new ValidationFailedError(`more YAML aliases than ${describeLimit('yamlAliases')}`);
      aliasDepth += 1;
      try {
        return walk(current.resolve(document), path);
      } finally {
        aliasDepth -= 1;
      }
    }
    const tag = (current as Node).tag;
    if (isMap(current)) {
      const result: Record<string, unknown> = {};
      for (const pair of current.items) {
        const rawKey = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const key = rules.key ? rules.key(rawKey) : rawKey;
        const childPath = joinPath(path, key);
        const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
        if (keyRange) fieldLines[childPath] = lineOf(keyRange[0]);
        result[key] = walk(pair.value, childPath);
      }
      return finish(result, tag);
    }
    if (isSeq(current)) {
      const items = current.items.map((item, index) => {
        const childPath = joinPath(path, index);
        const range = (item as Node | null)?.range;
        if (range) fieldLines[childPath] = lineOf(range[0]);
        return walk(item, childPath);
      });
      return finish(items, tag);
    }
    if (isScalar(current)) return finish(current.value, tag);
    return null;
  };
  const finish = (value: unknown, tag: string | undefined): unknown => {
    if (tag && tag.startsWith('!') && !tag.startsWith('!!') && rules.tag) {
      const unknown = rules.tag(tag, value);
      if (unknown) return unknown;
    }
    return rules.value?.(value) ?? value;
  };
  const value = walk(node, prefix);
  return { value, fieldLines };
}

/** The 1-based line of a node's start. */
export function lineOfNode(node: unknown, lineCounter: LineCounter, lineOffset = 0): number {
  const range = (node as Node | null)?.range;
  return range ? lineCounter.linePos(range[0]).line + lineOffset : 1 + lineOffset;
}

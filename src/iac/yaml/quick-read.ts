import { load, Type, type Schema } from 'js-yaml';
import type { ConvertedNode, UnknownRules } from './node-to-value.js';
import { joinPath } from './field-path.js';
import { scanExactFieldLines } from './exact-line-scan.js';
import { yamlCoreSchemaFor } from './js-yaml-core-schema.js';

/**
 * A fast read of one block-style YAML document: js-yaml for the values (a fraction of the `yaml`
 * parser's time in a fresh process, where a 50-resource CloudFormation template took 20 ms to
 * parse) and an exact indentation scan for the lines. It gives the same value, with the same tagged
 * values, and the same line for every field as the `yaml` read (`convertNode`, and `toJS` for the
 * plain value) of the same text, or nothing: a text it cannot read that way (JSON, anchors and
 * aliases, a syntax error, a string or flow collection spanning lines, a duplicate key, an unknown
 * tag...) is left to the `yaml` parser, which also reports its errors with their positions.
 */
export interface QuickRead {
  /** The plain value, intrinsics as their arguments (what `document.toJS()` gives). */
  raw: unknown;
  /** The value with intrinsics as unknown values, and the line of every field. */
  converted: ConvertedNode;
}

/** A tagged node as js-yaml read it, before the rules turn it into an unknown value. */
class Tagged {
  constructor(
    readonly tag: string,
    readonly value: unknown,
  ) {}
}

/** The tags a reader accepts: `!Name` in scalar, sequence and mapping form. */
export interface QuickTags {
  schema: Schema;
}

/** A schema for these tag names (each `!Name`), made once per reader. */
export function quickTags(names: readonly string[]): QuickTags {
  const types = names.flatMap((name) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) =>
        // An empty node (`!GetAZs` alone) is the empty string, as `yaml` resolves it.
        new Type(`!${name}`, { kind, construct: (data: unknown) => new Tagged(`!${name}`, data ?? '') }),
    ),
  );
  return { schema: yamlCoreSchemaFor(types) };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tagged);

function unwrap(value: unknown): unknown {
  if (value instanceof Tagged) return unwrap(value.value);
  if (Array.isArray(value)) return value.map(unwrap);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unwrap(item)]));
  return value;
}

/** Reads the text, or undefined when only the `yaml` parser can read it exactly. */
export function quickReadYaml(
  text: string,
  tags: QuickTags,
  rules: UnknownRules = {},
): QuickRead | undefined {
  // (The scan refuses anchors and aliases wherever a node can start; `s3:*` in a string is text.)
  if (/^\s*[{[]/.test(text)) return undefined;
  const scanned = scanExactFieldLines(text);
  if (!scanned) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: tags.schema });
  } catch {
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const fieldLines: Record<string, number> = {};
  let placed = 0;
  let complete = true;
  // An alias would be the same object twice: refused, never walked again (no expansion).
  const seen = new WeakSet<object>();
  // As convertNode: children first, then the tag rule, then the value rule; a field inside a flow
  // collection written on one line is on that line.
  const convert = (node: unknown, path: string, flowLine: number | undefined): unknown => {
    if (!complete) return undefined;
    if (typeof node === 'object' && node !== null) {
      if (seen.has(node)) {
        complete = false;
        return undefined;
      }
      seen.add(node);
    }
    const place = (child: string): number | undefined => {
      const line = scanned.lines.get(child);
      if (line !== undefined && flowLine === undefined) {
        placed += 1;
        fieldLines[child] = line;
        return scanned.flowLines.get(child);
      }
      if (line === undefined && flowLine !== undefined) {
        fieldLines[child] = flowLine;
        return flowLine;
      }
      complete = false;
      return undefined;
    };
    if (node instanceof Tagged) {
      const inner = convert(node.value, path, flowLine);
      return rules.tag?.(node.tag, inner) ?? rules.value?.(inner) ?? inner;
    }
    if (Array.isArray(node)) {
      const items = node.map((item, index) => {
        const child = joinPath(path, index);
        return convert(item, child, place(child));
      });
      return rules.value?.(items) ?? items;
    }
    if (isPlainObject(node)) {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        if (key === '__proto__') complete = false;
        const child = joinPath(path, key);
        result[key] = convert(item, child, place(child));
      }
      return rules.value?.(result) ?? result;
    }
    return rules.value?.(node) ?? node;
  };
  const converted = convert(value, '', undefined);
  // every line the scan found belongs to a field of the value, and every field has its line
  if (!complete || placed !== scanned.lines.size) return undefined;
  return { raw: unwrap(value), converted: { value: converted, fieldLines } };
}

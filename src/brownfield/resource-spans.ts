import type { ParsedSource } from '../iac/resource-model.js';
import { hclBlockEnd } from './edits/hcl-edit.js';
import { resourceKey } from './resource-key.js';

/** The lines (1-based, inclusive) a named resource or declaration owns in a file. */
export interface ResourceSpan {
  key: string;
  first: number;
  last: number;
}

/** Terraform top-level blocks, named as plans name them: `type.name`, `data.type.name`, `variable.x`, `output.x`, `locals`. */
function terraformSpans(lines: string[]): ResourceSpan[] {
  const spans: ResourceSpan[] = [];
  lines.forEach((line, index) => {
    const match = /^([a-z_]+)((?:\s+"[^"]+")*)\s*\{/.exec(line);
    if (!match) return;
    const labels = [...match[2].matchAll(/"([^"]+)"/g)].map((label) => label[1]);
    const key = match[1] === 'resource' ? labels.join('.') : [match[1], ...labels].join('.');
    spans.push({ key, first: index + 1, last: hclBlockEnd(lines, index) + 1 });
  });
  return spans;
}

/** YAML resources: from after the preceding `---` (so a comment above a resource is its own) to before the next one. */
function yamlSpans(lines: string[], parsed: ParsedSource, file: string): ResourceSpan[] {
  const starts = parsed.resources
    .filter((resource) => resource.location.file === file)
    .map((resource) => ({
      key: resourceKey(resource),
      line: resource.location.line,
      nested: Boolean(resource.origin?.composition),
    }));
  const separators = lines.flatMap((line, index) => (/^\s*---\s*$/.test(line) ? [index + 1] : []));
  const unique = [...new Map(starts.map((start) => [`${start.key}:${start.line}`, start])).values()].sort(
    (left, right) => left.line - right.line,
  );
  const isCloudFormation = parsed.tool === 'cloudformation';
  return unique.map((start, position) => {
    const previousSeparator = [...separators].reverse().find((line) => line < start.line);
    let first = start.line;
    if (
      previousSeparator !== undefined &&
      !isCloudFormation &&
      lines
        .slice(previousSeparator, start.line - 1)
        .every((line) => !line.trim() || line.trim().startsWith('#'))
    )
      first = previousSeparator + 1;
    const nextSeparator = separators.find((line) => line > start.line);
    const nextResource = unique
      .slice(position + 1)
      .find((other) => other.line > start.line && other.nested === start.nested);
    let last = Math.min(
      nextSeparator ? nextSeparator - 1 : lines.length,
      nextResource ? nextResource.line - 1 : lines.length,
    );
    if (!start.nested && !isCloudFormation) last = nextSeparator ? nextSeparator - 1 : lines.length;
    if (isCloudFormation) {
      const indent = lines[start.line - 1].length - lines[start.line - 1].trimStart().length;
      last = start.line;
      for (let index = start.line; index < lines.length; index += 1) {
        const line = lines[index];
        if (line.trim() && line.length - line.trimStart().length <= indent) break;
        if (line.trim()) last = index + 1;
      }
    }
    return { key: start.key, first, last };
  });
}

/** CloudFormation parameters: the key line and its deeper-indented body. */
function parameterSpans(lines: string[], parsed: ParsedSource, file: string): ResourceSpan[] {
  return parsed.inputs
    .filter((input) => input.location?.file === file)
    .map((input) => {
      const start = input.location!.line;
      const indent = lines[start - 1].length - lines[start - 1].trimStart().length;
      let last = start;
      for (
        let index = start;
        index < lines.length &&
        (!lines[index].trim() || lines[index].length - lines[index].trimStart().length > indent);
        index += 1
      )
        if (lines[index].trim()) last = index + 1;
      return { key: input.name, first: start, last };
    });
}

/** Every span of a file; a line belongs to the smallest span that holds it. */
export function resourceSpans(text: string, parsed: ParsedSource, file: string): ResourceSpan[] {
  const lines = text.split('\n');
  if (file.endsWith('.tf')) return terraformSpans(lines);
  return [
    ...yamlSpans(lines, parsed, file),
    ...(parsed.tool === 'cloudformation' ? parameterSpans(lines, parsed, file) : []),
  ];
}

/** The owner of a line: the key of the smallest span holding it, or undefined. */
export function ownerOfLine(spans: ResourceSpan[], line: number): string | undefined {
  const holding = spans
    .filter((span) => span.first <= line && line <= span.last)
    .sort((left, right) => left.last - left.first - (right.last - right.first));
  return holding[0]?.key;
}

/** Plan names and span keys compared loosely: `var.x`, `variable.x` and `x` are one variable. */
export const normalizeKey = (key: string): string => key.replace(/^(var|variable)\./, '').replace(/^\$/, '');

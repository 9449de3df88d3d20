import { fixLabel, type FixerInput, type FixerOutput, type TagValue } from './fix-types.js';
import { skeletonDescription } from '../../policy/declaration-fixes.js';
import { fixTerraformDeclaration } from './terraform-declaration.js';

/** A boolean, number, string or list of strings as HCL source (`${` escaped), or undefined for anything else. */
function hclLiteral(value: unknown): string | undefined {
  const quoted = (text: string): string =>
    JSON.stringify(text).replace(/([$%])\{/g, (_all, sign: string) => `${sign}${sign}{`);
  if (typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return `[${value.map(quoted).join(', ')}]`;
  return undefined;
}

/** A string variable declared for a tag source: a description skeleton and the validation its name calls for. */
function variableBlock(name: string, validation: string[] | undefined): string[] {
  return [
    '',
    `variable "${name}" {`,
    `  description = ${JSON.stringify(skeletonDescription(name))}`,
    '  type        = string',
    ...(validation ? ['  validation {', ...validation.map((line) => `    ${line}`), '  }'] : []),
    '}',
  ];
}

/**
 * Fixes Terraform text in place, line by line: rewrites a literal attribute on its own line (or adds a
 * missing one after the block's header), and adds
 * missing tags as `key = var.x` (or the constant) to an existing `tags = {` map or a new one, declaring
 * the variable at the end of the file when the source has none.
 * Anything else is skipped with a reason rather than guessed.
 */
export function fixTerraform(input: FixerInput): FixerOutput {
  const lines = input.text.split('\n');
  const fixed: string[] = [];
  const skipped: string[] = [];
  const insertions = new Map<number, string[]>();
  const opened = new Map<number, string>();
  const declared = new Set(input.parsed.inputs.map((declaredInput) => declaredInput.name));
  /** Variable blocks declared for tag sources that had none, added at the end of the file. */
  const appended: string[] = [];
  for (const fix of input.fixes) {
    const autofix = fix.autofix;
    const fieldLines = fix.resource.fieldLines ?? {};
    /** Rewrites a literal on the attribute's own line, or adds the attribute when the block lacks it. */
    const setLine = (name: string, value: unknown): boolean => {
      const literal = hclLiteral(value);
      if (literal === undefined) return false;
      const line = fieldLines[name];
      if (line) {
        const pattern = new RegExp(
          `^(\\s*${name}\\s*=\\s*)(true|false|-?\\d+|"(?:\\\\.|[^"\\\\])*")(\\s*(#.*)?)$`,
        );
        if (!pattern.test(lines[line - 1] ?? '')) return false;
        lines[line - 1] = lines[line - 1].replace(
          pattern,
          (_all, before: string, _old, after: string) => `${before}${literal}${after}`,
        );
        return true;
      }
      const header = fix.resource.location.line;
      if (fix.resource.body[name] !== undefined || !/\{\s*(#.*)?$/.test(lines[header - 1] ?? ''))
        return false;
      insertions.set(header, [...(insertions.get(header) ?? []), `  ${name} = ${literal}`]);
      return true;
    };
    if (autofix.kind === 'set' && autofix.path.length === 1) {
      if (setLine(autofix.path[0], autofix.value)) fixed.push(fixLabel(fix));
      else
        skipped.push(
          `${fixLabel(fix)}: ${autofix.path[0]} is not a literal on its own line (or the block does not open on its header line)`,
        );
    } else if (autofix.kind === 'merge' && autofix.path.length === 0) {
      const results = Object.entries(autofix.values).map(([name, value]) => setLine(name, value));
      if (results.every(Boolean)) fixed.push(fixLabel(fix));
      else skipped.push(`${fixLabel(fix)}: some flags are not literals on their own line`);
    } else if (autofix.kind === 'add-tag') {
      const tag = autofix.value as TagValue;
      const variable = (tag.from ?? '').split('.').pop() ?? '';
      if (tag.source !== 'constant' && !declared.has(variable)) {
        if (!/^[A-Za-z_][\w-]*$/.test(variable)) {
          skipped.push(`${fixLabel(fix)}: "${variable}" is not a variable name`);
          continue;
        }
        declared.add(variable);
        appended.push(...variableBlock(variable, tag.validation));
      }
      const value = tag.source === 'constant' ? JSON.stringify(tag.constant ?? '') : `var.${variable}`;
      const key = /^[A-Za-z_][\w-]*$/.test(autofix.key) ? autofix.key : JSON.stringify(autofix.key);
      const tagsLine = fieldLines.tags;
      if (tagsLine && /\{\s*$/.test(lines[tagsLine - 1] ?? '')) {
        const indent = `${(/^\s*/.exec(lines[tagsLine - 1]) ?? [''])[0]}  `;
        insertions.set(tagsLine, [...(insertions.get(tagsLine) ?? []), `${indent}${key} = ${value}`]);
        fixed.push(fixLabel(fix));
      } else if (!tagsLine) {
        const header = fix.resource.location.line;
        const entries = insertions.get(-header) ?? [];
        insertions.set(-header, [...entries, `    ${key} = ${value}`]);
        fixed.push(fixLabel(fix));
      } else skipped.push(`${fixLabel(fix)}: tags is not a literal map`);
    } else if (autofix.kind === 'append' && autofix.path.length === 1) {
      const header = fix.resource.location.line;
      if (!/\{\s*(#.*)?$/.test(lines[header - 1] ?? '')) {
        skipped.push(`${fixLabel(fix)}: the resource block does not open on its header line`);
        continue;
      }
      const block = [
        `  ${autofix.path[0]} {`,
        ...Object.entries(autofix.value).map(([key, value]) => `    ${key} = ${JSON.stringify(value)}`),
        '  }',
      ];
      insertions.set(header, [...(insertions.get(header) ?? []), ...block]);
      fixed.push(fixLabel(fix));
    } else if (autofix.kind === 'declaration') {
      const reason = fixTerraformDeclaration(lines, fix, { insertions, opened });
      if (reason) skipped.push(`${fixLabel(fix)}: ${reason}`);
      else fixed.push(fixLabel(fix));
    } else skipped.push(`${fixLabel(fix)}: no automatic Terraform fix for this rule`);
  }
  const output: string[] = [];
  lines.forEach((line, index) => {
    output.push(line);
    const number = index + 1;
    output.push(...(insertions.get(number) ?? []));
    const closing = opened.get(number);
    if (closing !== undefined) output.push(closing);
    const fresh = insertions.get(-number);
    if (fresh) output.push('  tags = {', ...fresh, '  }');
  });
  if (appended.length > 0) {
    while (output.length > 0 && output[output.length - 1] === '') output.pop();
    output.push(...appended, '');
  }
  return { text: output.join('\n'), fixed, skipped };
}

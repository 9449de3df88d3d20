import { fixLabel, type FixerInput, type FixerOutput, type TagValue } from './fix-types.js';
import { fixTerraformDeclaration } from './terraform-declaration.js';

/**
 * Fixes Terraform text in place, line by line: flips a boolean attribute on its own line, and adds
 * missing tags as `key = var.x` (or the constant) to an existing `tags = {` map or a new one.
 * Anything else is skipped with a reason rather than guessed.
 */
export function fixTerraform(input: FixerInput): FixerOutput {
  const lines = input.text.split('\n');
  const fixed: string[] = [];
  const skipped: string[] = [];
  const insertions = new Map<number, string[]>();
  const opened = new Map<number, string>();
  for (const fix of input.fixes) {
    const autofix = fix.autofix;
    const fieldLines = fix.resource.fieldLines ?? {};
    const setLine = (name: string, value: unknown): boolean => {
      const line = fieldLines[name];
      if (!line || typeof value !== 'boolean') return false;
      const pattern = new RegExp(`^(\\s*${name}\\s*=\\s*)(true|false)(\\s*(#.*)?)$`);
      if (!pattern.test(lines[line - 1] ?? '')) return false;
      lines[line - 1] = lines[line - 1].replace(pattern, `$1${String(value)}$3`);
      return true;
    };
    if (autofix.kind === 'set' && autofix.path.length === 1) {
      if (setLine(autofix.path[0], autofix.value)) fixed.push(fixLabel(fix));
      else skipped.push(`${fixLabel(fix)}: ${autofix.path[0]} is not a boolean on its own line`);
    } else if (autofix.kind === 'merge' && autofix.path.length === 0) {
      const results = Object.entries(autofix.values).map(([name, value]) => setLine(name, value));
      if (results.every(Boolean)) fixed.push(fixLabel(fix));
      else skipped.push(`${fixLabel(fix)}: some flags are not booleans on their own line`);
    } else if (autofix.kind === 'add-tag') {
      const tag = autofix.value as TagValue;
      const variable = (tag.from ?? '').split('.').pop() ?? '';
      if (tag.source !== 'constant' && !input.parsed.inputs.some((input) => input.name === variable)) {
        skipped.push(`${fixLabel(fix)}: no variable "${variable}" is declared; add it first`);
        continue;
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
  return { text: output.join('\n'), fixed, skipped };
}

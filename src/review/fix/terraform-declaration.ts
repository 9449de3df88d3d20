import type { PlannedFix } from './fix-types.js';

/** Line edits a declaration fix makes: lines to add after a line, one-line blocks opened up. */
export interface DeclarationEdits {
  insertions: Map<number, string[]>;
  /** Header lines of `name "x" {}` blocks that were opened: their closing brace goes after the insertions. */
  opened: Map<number, string>;
}

/** The index of the line that closes the block opened on `header` (0-based), counting braces outside strings. */
function blockEnd(lines: string[], header: number): number | undefined {
  let depth = 0;
  for (let index = header; index < lines.length; index += 1) {
    const code = lines[index].replace(/"(?:\\.|[^"\\])*"/g, '""').replace(/#.*$|\/\/.*$/, '');
    for (const char of code) {
      if (char === '{') depth += 1;
      else if (char === '}') {
        depth -= 1;
        if (depth === 0) return index;
      }
    }
  }
  return undefined;
}

/**
 * Adds `key = value` (or, for a `block` fix, a nested `key { ... }` block) as the first line of the Terraform block (variable, output, terraform) whose
 * header is on the fix's line, or rewrites the value of its existing `key =` line (`replace`).
 * Returns why it could not, or undefined when it did.
 */
export function fixTerraformDeclaration(
  lines: string[],
  fix: PlannedFix,
  edits: DeclarationEdits,
): string | undefined {
  if (fix.autofix.kind !== 'declaration') return 'not a declaration fix';
  const { key, value, replace } = fix.autofix;
  const header = fix.resource.location.line - 1;
  const text = lines[header] ?? '';
  const indent = (/^\s*/.exec(text) ?? [''])[0];
  if (replace) {
    const end = blockEnd(lines, header) ?? header;
    const pattern = new RegExp(`^(\\s*${key}\\s*=\\s*)("(?:\\\\.|[^"\\\\])*")(\\s*(#.*)?)$`);
    for (let index = header + 1; index < end; index += 1) {
      if (!pattern.test(lines[index])) continue;
      lines[index] = lines[index].replace(
        pattern,
        (_match, before: string, _old, after: string) => `${before}${String(value)}${after}`,
      );
      return undefined;
    }
    return `${key} is not a string on its own line`;
  }
  if (/\{\s*\}\s*$/.test(text) && !edits.opened.has(header + 1)) {
    lines[header] = text.replace(/\{\s*\}\s*$/, '{');
    edits.opened.set(header + 1, `${indent}}`);
  } else if (!/\{\s*(#.*)?$/.test(text) && !edits.opened.has(header + 1))
    return `the ${fix.resource.type} block is written on one line`;
  const line = header + 1;
  const added =
    fix.autofix.block && Array.isArray(value)
      ? [`${indent}  ${key} {`, ...value.map((item) => `${indent}    ${String(item)}`), `${indent}  }`]
      : [`${indent}  ${key} = ${String(value)}`];
  edits.insertions.set(line, [...(edits.insertions.get(line) ?? []), ...added]);
  return undefined;
}

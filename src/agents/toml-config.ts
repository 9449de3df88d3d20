import type { ServerLaunch } from './server-launch.js';

/** A TOML basic string: quoted, with backslash, quote and control characters escaped. */
export function tomlString(value: string): string {
  const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  let escaped = '';
  for (const character of value) {
    const code = character.charCodeAt(0);
    const control = code < 0x20 || code === 0x7f;
    escaped += named[character] ?? (control ? `\\u${code.toString(16).padStart(4, '0')}` : character);
  }
  return `"${escaped}"`;
}

/** The `[mcp_servers.<name>]` table Codex reads (https://developers.openai.com/codex/mcp). */
export function codexServerTable(name: string, launch: ServerLaunch): string {
  return [
    `[mcp_servers.${name}]`,
    `command = ${tomlString(launch.command)}`,
    `args = [${launch.args.map(tomlString).join(', ')}]`,
    '',
  ].join('\n');
}

/**
 * Puts a table into a TOML document as text, keeping the user's comments and other tables: the
 * table with the same header (and its sub-tables) is replaced, otherwise the table is appended.
 */
export function mergeTomlTable(existing: string | undefined, table: string): string {
  const header = table.split('\n', 1)[0];
  if (existing === undefined || existing.trim() === '') return table;
  const lines = existing.split('\n');
  const start = lines.findIndex((line) => line.trim() === header);
  if (start === -1) {
    const separator = existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    return `${existing}${separator}${table}`;
  }
  const prefix = header.slice(1, -1);
  let end = start + 1;
  while (end < lines.length && !isOtherTableHeader(lines[end], prefix)) end += 1;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return `${before ? `${before}\n` : ''}${table}${after ? `\n${after}` : ''}`;
}

/** A header of a table that is neither the replaced table nor one of its sub-tables. */
function isOtherTableHeader(line: string, prefix: string): boolean {
  const match = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
  if (!match) return false;
  const name = match[1];
  return name !== prefix && !name.startsWith(`${prefix}.`);
}

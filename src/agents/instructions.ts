import type { AgentFile, ExistingFiles } from './agent-file.js';

/** Markers around the section InfraKit owns inside a shared instruction file (CLAUDE.md, AGENTS.md ...). */
export const SECTION_BEGIN =
  '<!-- infrakit:begin (managed by "infrakit init --ai"; edits inside are replaced) -->';
export const SECTION_END = '<!-- infrakit:end -->';

/** The instructions every agent gets, in markdown. */
export function instructionBody(): string {
  return [
    '## InfraKit',
    '',
    'This project writes infrastructure-as-code under rules checked by InfraKit. The `infrakit` MCP server',
    "gives you the provider's real schema and the project's rules. Use it; do not guess.",
    '',
    '- Before you write or change a field of a resource, call `describe_field` for that resource type and',
    '  field path (or `describe_resource` for the whole type). Use only fields, types and values it returns.',
    "- Read the project's rules with `constraints` (naming, environments, security baseline, mandatory tags)",
    '  before you design a resource.',
    '- Before you say you are finished, call `verify` on every file you created or changed, and `review`',
    '  with the target environment. Fix every finding and call them again until none is left.',
    '- Files under `.infrakit/` are the rules themselves: do not edit them unless the user asks.',
    '',
  ].join('\n');
}

/**
 * Puts InfraKit's section into an instruction file: appended when absent, replaced in place when
 * present, so the user's own text in the file is kept.
 */
export function withManagedSection(existing: string | undefined, body: string): string {
  const section = `${SECTION_BEGIN}\n${body.trimEnd()}\n${SECTION_END}\n`;
  if (existing === undefined || existing.trim() === '') return section;
  const start = existing.indexOf(SECTION_BEGIN);
  const end = existing.indexOf(SECTION_END, start);
  if (start !== -1 && end !== -1) {
    return existing.slice(0, start) + section + existing.slice(end + SECTION_END.length).replace(/^\n/, '');
  }
  const separator = existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return `${existing}${separator}${section}`;
}

/** An instruction file (CLAUDE.md, AGENTS.md ...) with InfraKit's section merged into its current text. */
export function instructionFile(path: string, existing: ExistingFiles): AgentFile {
  return { path, content: withManagedSection(existing[path], instructionBody()) };
}

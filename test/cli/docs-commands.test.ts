import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

/**
 * Every `infrakit <command>` the README and docs/ show as code names a command that exists (the
 * issue found `infrakit new` in docs/providers.md): in fenced blocks, lines that start with it (after
 * an optional `$ `), and inline code spans that start with it.
 */
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const pages = [
  'README.md',
  ...readdirSync(join(repositoryRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
  ...readdirSync(join(repositoryRoot, 'docs', 'commands'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', 'commands', name)),
];

/** The command words a page shows as code. */
export function commandsShown(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1].split('\n').flatMap((line) => {
      const match = /^\s*(?:\$ )?infrakit ([a-z][\w-]*)/.exec(line);
      return match ? [match[1]] : [];
    }),
  );
  const inline = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`infrakit ([a-z][\w-]*)/g)].map(
    (match) => match[1],
  );
  return [...fenced, ...inline];
}

describe('the commands the docs show', () => {
  it('finds a command that does not exist (the check can fail)', () => {
    expect(commandsShown('Run `infrakit new bucket`:\n```sh\n$ infrakit verify apis/\n```\n')).toEqual([
      'verify',
      'new',
    ]);
  });

  it('every `infrakit <command>` in README.md and docs/ is a real command', () => {
    const program = buildProgram();
    const known = new Set(program.commands.flatMap((command) => [command.name(), ...command.aliases()]));
    const unknown = pages.flatMap((page) =>
      commandsShown(readFileSync(join(repositoryRoot, page), 'utf8'))
        .filter((name) => !known.has(name))
        .map((name) => `${page}: infrakit ${name}`),
    );
    expect(unknown).toEqual([]);
    expect(pages).toContain(join('docs', 'providers.md'));
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = resolve(import.meta.dirname, '..', '..', 'src');
const CLI_ROOT = join(SOURCE_ROOT, 'cli');

/** Relative imports of one file inside src/cli, static and lazy (`import('...')`), as absolute .ts paths. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map(
    (match) => match[1] ?? '',
  );
  return specifiers
    .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
    .filter((path) => path.startsWith(CLI_ROOT));
}

/** The first import cycle reachable from `start`, as a list of files, or undefined. */
function findCycle(start: string): string[] | undefined {
  const finished = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const position = stack.indexOf(file);
    if (position >= 0) return [...stack.slice(position), file];
    if (finished.has(file)) return undefined;
    stack.push(file);
    for (const next of relativeImports(file)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    finished.add(file);
    return undefined;
  };
  return visit(start);
}

describe('the CLI import graph', () => {
  it('has no cycle through the command registry (commands never import program.ts back)', () => {
    const cycle = findCycle(join(CLI_ROOT, 'registry.ts'));
    expect(cycle?.map((file) => file.slice(SOURCE_ROOT.length + 1))).toBeUndefined();
  });
});

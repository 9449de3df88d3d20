import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { splitFrontMatter } from '../../src/constraints/front-matter.js';

vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return { ...actual, parseDocument: vi.fn(actual.parseDocument) };
});
/** The `yaml` read of a text, for reference (through the mock, which calls the real one). */
const realParse = (text: string, options = {}) => vi.mocked(parseDocument)(text, options);

beforeEach(() => {
  vi.mocked(parseDocument).mockClear();
});

const repositoryRoot = resolve(import.meta.dirname, '..', '..');
/** Every markdown file with front matter under these folders of the repository. */
const markdownWithFrontMatter = (...folders: string[]): string[] =>
  folders.flatMap((folder) =>
    readdirSync(join(repositoryRoot, folder), { recursive: true, encoding: 'utf8' })
      .map((file) => join(repositoryRoot, folder, file))
      .filter((file) => file.endsWith('.md') && statSync(file).isFile())
      .filter((file) => readFileSync(file, 'utf8').startsWith('---')),
  );

describe('splitFrontMatter', () => {
  it('reads the constraint files of this repository to the values yaml reads, most without yaml', () => {
    const files = markdownWithFrontMatter('templates', 'examples', 'eval', 'test/fixtures');
    expect(files.length).toBeGreaterThan(10);
    let quick = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const before = vi.mocked(parseDocument).mock.calls.length;
      const split = splitFrontMatter(text);
      if (vi.mocked(parseDocument).mock.calls.length === before) quick += 1;
      const yamlText = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      const document = realParse(yamlText, { prettyErrors: false });
      if (document.errors.length) expect(split.syntaxErrors.length, file).toBeGreaterThan(0);
      else expect(split.data, file).toEqual(document.toJS());
    }
    expect(quick).toBeGreaterThan(files.length / 2);
  });

  it('leaves syntax errors, duplicate keys and aliases to yaml, which reports them with their line', () => {
    expect(splitFrontMatter('---\nprovider: aws\nprovider: gcp\n---\nbody').syntaxErrors[0]).toMatch(
      /^line 3: .*unique/i,
    );
    expect(splitFrontMatter('---\nregion: [eu-west-1\n---\n').syntaxErrors[0]).toMatch(/^line \d+:/);
    const aliased = splitFrontMatter('---\na: &x [1, 2]\nb: *x\n---\n');
    expect(aliased.data).toEqual({ a: [1, 2], b: [1, 2] });
    expect(parseDocument).toHaveBeenCalledTimes(3);
  });

  it('reads a plain front matter without yaml, to the same value and body', () => {
    const text =
      '---\nprovider: aws\nregion: eu-west-1\nenvironments:\n  - name: dev\n    strictness: 1\n  - { name: prod, strictness: 3 }\nempty:\n---\n# Context\n';
    const split = splitFrontMatter(text);
    expect(parseDocument).not.toHaveBeenCalled();
    expect(split.data).toMatchObject({ environments: [{ name: 'dev' }, { name: 'prod', strictness: 3 }] });
    expect(split).toEqual({
      data: realParse(text.split('---\n')[1]).toJS(),
      body: '# Context\n',
      syntaxErrors: [],
    });
  });
});

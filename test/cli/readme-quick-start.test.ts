import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBuilt, notBuiltReason, runCli, temporaryDirectory } from './run-cli.js';

const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const readme = await readFile(join(repositoryRoot, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## See it work'));
const blocks = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => (match[1] ?? '').trim());
const created: string[] = [];
afterAll(async () => {
  for (const directory of created) await rm(directory, { recursive: true, force: true });
});

describe("the README's quick start", () => {
  it('has two set-up commands (install, link and init; then npm test) and the next steps after them', () => {
    const [main, tests] = blocks;
    expect(tests).toBe('npm test');
    expect(main).toMatch(
      /^npm ci && npm run build && (npm link|npm install -g \.) && infrakit init \S+ --iac \w+$/,
    );
  });

  it('creates the project outside the clone', () => {
    const directory = blocks[0]?.match(/infrakit init (\S+)/)?.[1] ?? '';
    expect(resolve(repositoryRoot, directory).startsWith(`${repositoryRoot}/`)).toBe(false);
  });

  if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);
  it.skipIf(!cliBuilt)(
    'prints the next steps it documents, and refuses a folder inside the clone',
    async () => {
      const parent = await temporaryDirectory();
      created.push(parent);
      const clone = join(parent, 'infrakit');
      await simpleGit(parent).raw(['init', clone]);
      const initArguments = (blocks[0]?.split('&& ').pop() ?? '').split(' ').slice(1);
      const result = await runCli(initArguments, { cwd: clone });
      expect(result.exitCode).toBe(0);
      const printedSteps = result.stdout
        .slice(result.stdout.indexOf('Next:'))
        .split('\n')
        .slice(1)
        .map((line) => line.trim().replace(/\s+#.*$/, ''))
        .filter(Boolean);
      const documentedSteps = (blocks[2] ?? '').split('\n').map((line) => line.trim().replace(/\s+#.*$/, ''));
      expect(printedSteps).toEqual(documentedSteps);
      const inside = await runCli(['init', 'demo', '--iac', 'crossplane'], { cwd: clone });
      expect(inside.exitCode).toBe(2);
      expect(inside.stderr).toContain('is inside the git repository at');
    },
  );
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { defineConfig } from 'vitest/config';

const exclude = ['test/reliability/**', 'node_modules/**'];
/**
 * Files that replace a module with vi.mock / vi.doMock: they get a fresh module cache of their own.
 * Found by reading the test files, so a new one cannot land in the shared cache by mistake.
 */
const mocksModules = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.startsWith('reliability'))
  .map((file) => join('test', file).split(sep).join('/'))
  .filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8')))
  .sort();

export default defineConfig({
  test: {
    // include and exclude are per project below (a project extending this one would add to them).
    // Generous, not a timing assertion: real validators (cfn-lint, checkov) take many times longer on a loaded two-core machine.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // vitest's default on a two-core machine is one worker (cores - 1): the suite then runs file by
    // file while most tests wait on git, the built CLI or a validator. Three forks keep both cores busy.
    maxWorkers: 3,
    // One temporary root per run (globalSetup), removed when it ends; folders a file registered go
    // with the file (setupFiles): the suite leaves nothing in the system temp folder.
    globalSetup: ['test/support/temp-root.global.ts', 'test/support/validator-versions.global.ts'],
    // The CLI that tests run in-process is the built one (test/support/run-cli-in-process.ts):
    // Node loads dist/ itself, as it loads node_modules, without vitest's transform or vi.mock.
    server: { deps: { external: [/\/dist\/src\//] } },
    setupFiles: ['test/support/temp-cleanup.setup.ts'],
    projects: [
      {
        extends: true,
        // Test files share their worker's module cache instead of re-importing every module per
        // file: the suite's CPU time fell from 297 s to 237 s (user+sys, whole run). No file here
        // mocks a module (those are in mocksModules); temp-cleanup.setup.ts still runs before every file.
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...exclude, ...mocksModules],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: mocksModules, isolate: true } },
    ],
  },
});

import { defineConfig } from 'vitest/config';

const exclude = ['test/reliability/**', 'node_modules/**'];
/** Files that replace a module with vi.mock: they get a fresh module cache of their own. */
const mocksModules = ['test/cli/interrupted.test.ts', 'test/cli/keyless-paths.test.ts'];

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
    // One temporary root per run (globalSetup) and one per test file (setupFiles), both removed when
    // they end: the suite leaves nothing in the system temp folder.
    globalSetup: ['test/support/temp-root.global.ts'],
    setupFiles: ['test/support/temp-cleanup.setup.ts'],
    projects: [
      {
        extends: true,
        // Test files share their worker's module cache instead of re-importing every module per
        // file: the suite's CPU time fell from 297 s to 237 s (user+sys, whole run). No file here
        // mocks a module; temp-cleanup.setup.ts still runs before every file.
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

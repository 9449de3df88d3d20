import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/reliability/**', 'node_modules/**'],
    // Generous, not a timing assertion: real validators (cfn-lint, checkov) take many times longer on a loaded two-core machine.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});

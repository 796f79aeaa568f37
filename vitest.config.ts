import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes keep each test file's database to itself.
    pool: 'forks',
    // The browser tests need a current web/dist: built once before any test file runs.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
